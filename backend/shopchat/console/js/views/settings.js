/* Settings (#/settings): My account for everyone; Shop, Team, Canned replies and Install for
 * owners. One module per tab; a new tab is one entry in TABS. */
import { html } from '../html.js';
import { setSettingsTab } from '../store.js';
import { AccountSettings } from './settings-account.js';
import { ShopSettings } from './settings-shop.js';
import { TeamSettings } from './settings-team.js';
import { CannedSettings } from './settings-canned.js';
import { InstallSettings } from './settings-install.js';

/** @typedef {import('../store.js').State} State */
const TABS = [
  { key: 'account', label: 'My account', view: AccountSettings, owner: false },
  { key: 'shop', label: 'Shop', view: ShopSettings, owner: true },
  { key: 'team', label: 'Team', view: TeamSettings, owner: true },
  { key: 'canned', label: 'Canned replies', view: CannedSettings, owner: true },
  { key: 'install', label: 'Install', view: InstallSettings, owner: true },
];

/** @param {{s: State}} props */
export function Settings({ s }) {
  const owner = !!(s.agent && s.agent.role === 'owner');
  const tabs = TABS.filter((t) => owner || !t.owner);
  const tab = tabs.find((t) => t.key === s.settingsTab) || tabs[tabs.length > 1 ? 1 : 0];
  return html`<div class="settings-wrap">
    <nav class="settings-nav" aria-label="Settings">
      ${tabs.map((t) => html`<button key=${t.key} type="button" class=${`settings-tab${t === tab ? ' is-active' : ''}`}
        data-testid="settings-tab" data-tab=${t.key} aria-current=${t === tab ? 'page' : undefined}
        onClick=${() => setSettingsTab(t.key)}>${t.label}</button>`)}
    </nav>
    <div class="settings-body"><${tab.view} key=${tab.key} s=${s} /></div>
  </div>`;
}
