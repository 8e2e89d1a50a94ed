/* The signed-in screen: notices (offline, new version), top bar (shop, sections, connection,
 * agent, help, log out), the inbox workspace or the settings page, toasts, the keyboard help.
 * The workspace's class names the pane on screen (pane-rules.js): a phone shows one at a
 * time, below 1240 px the visitor details are a sheet over a backdrop. */
import { useEffect, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { logout } from '../account.js';
import { expirePending } from '../sending.js';
import { showView } from '../shell.js';
import { markRead } from '../conversation.js';
import { setHelp } from '../store.js';
import { unreadTotal } from '../inbox.js';
import { tabTitle } from '../notify-rules.js';
import { Sidebar } from './list.js';
import { ThreadPane } from './thread.js';
import { VisitorPanel } from './visitor-panel.js';
import { Settings } from './settings.js';
import { Help } from './help.js';
import { Notices } from './notices.js';
import { back } from '../panes.js';
import { shownPane } from '../pane-rules.js';

/** @typedef {import('../store.js').State} State */

/** @param {{connection: State['connection']}} props */
function Connection({ connection }) {
  const { kind, delay } = connection;
  const text = kind === 'online' ? 'Connected' : kind === 'connecting' ? 'Connecting…'
    : `Offline — retrying in ${Math.max(1, Math.round(delay / 1000))}s`;
  return html`<span class=${`conn conn-${kind}`} data-testid="connection-status" data-state=${kind} role="status"
    title=${text}><span class="conn-text">${text}</span></span>`;
}

/** @param {{s: State}} props */
function TopBar({ s }) {
  const [leaving, setLeaving] = useState(false);
  /** @param {'inbox'|'settings'} view @param {string} label */
  const nav = (view, label) => html`<button type="button" class=${`nav-btn${s.view === view ? ' is-active' : ''}`}
    data-testid=${`nav-${view}`} aria-current=${s.view === view ? 'page' : 'false'} onClick=${() => { showView(view); if (view === 'inbox') markRead(); }}>${label}</button>`;
  return html`<header class="topbar">
    <div class="brand"><span class="logo-mark" aria-hidden="true"></span>
      <span class="shop-name" data-testid="shop-name">${(s.shop && s.shop.name) || 'shopchat'}</span>
      <nav class="nav" aria-label="Sections">${nav('inbox', 'Inbox')}${nav('settings', 'Settings')}</nav>
    </div>
    <div class="topbar-right">
      <${Connection} connection=${s.connection} />
      <span class="me"><span class="me-label">Signed in as</span>
        <span class="agent-name" data-testid="agent-name">${(s.agent && s.agent.name) || '…'}</span></span>
      <button type="button" class="btn btn-ghost btn-icon help-btn" data-testid="help-button" title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts" onClick=${() => setHelp(!s.help)}>?</button>
      <button type="button" class="btn btn-ghost" data-testid="logout" disabled=${leaving}
        onClick=${() => { setLeaving(true); logout(); }}>Log out</button>
    </div>
  </header>`;
}

/** @param {{s: State}} props */
export function Shell({ s }) {
  const [, setTick] = useState(0);
  useEffect(() => { // relative times move on; sends without an ack time out
    const timer = setInterval(() => { setTick((n) => n + 1); expirePending(); }, 30000);
    return () => clearInterval(timer);
  }, []);
  const unread = unreadTotal(s.list.items.values());
  useEffect(() => {
    document.title = tabTitle(s.shop && s.shop.name, unread, s.prefs.title);
  }, [s.shop && s.shop.name, unread, s.prefs.title]);
  const settings = s.view === 'settings';
  const conv = s.thread && s.thread.conv;
  const pane = shownPane(s);
  return html`<div class="shell">
    <${Notices} s=${s} />
    <${TopBar} s=${s} />
    <div class=${`workspace pane-${pane}${conv ? ' has-details' : ''}`} hidden=${settings}>
      <${Sidebar} s=${s} />
      <${ThreadPane} s=${s} />
      <div class="sheet-backdrop" hidden=${pane !== 'details'} onClick=${back}></div>
      <${VisitorPanel} s=${s} />
    </div>
    <div class="settings-page" data-testid="settings-page" hidden=${!settings}>
      ${settings ? html`<${Settings} s=${s} />` : null}
    </div>
    <div class="toasts" aria-live="polite">
      ${s.toasts.map((t) => html`<div key=${t.id} class="toast" role="status" data-testid="toast">${t.text}</div>`)}
    </div>
    ${s.help ? html`<${Help} />` : null}
  </div>`;
}
