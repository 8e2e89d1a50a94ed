/* Install (owners): the script tag with the shop key, and the identity-verification snippet
 * for the shop's backend (Node.js, Python, PHP) and the page. */
import { useEffect, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { api } from '../api.js';
import { CopyButton, message } from './fields.js';

// Interpolated, not written in the template: htm would read "</body>" as a closing tag.
const PASTE_HINT = 'Paste this tag into every page of your store, just before </body>. Your shop key is public; it only works on the allowed origins.';
const LANGS = [['node', 'Node.js'], ['python', 'Python'], ['php', 'PHP'], ['browser', 'On the page']];

export function InstallSettings() {
  const [data, setData] = useState(/** @type {Record<string, any>|null} */ (null));
  const [error, setError] = useState('');
  const [lang, setLang] = useState('node');
  useEffect(() => { api('GET', '/shop/install').then(setData, (e) => setError(message(e))); }, []);
  if (error) return html`<p class="error-text">${error}</p>`;
  if (!data) return null;
  const langs = LANGS.filter(([k]) => data.identity[k]);
  return html`<section class="card">
      <h3>Add the chat to your store</h3>
      <p class="muted small">${PASTE_HINT}</p>
      <div class="code-row"><pre class="code" data-testid="install-script">${data.script_tag}</pre>
        <${CopyButton} testid="copy-script" text=${data.script_tag} /></div>
      <p class="small">Shop key: <code data-testid="install-shop-key">${data.shop_key}</code></p>
    </section>
    <section class="card">
      <h3>Identity verification (recommended)</h3>
      <p class="muted small">When a customer is signed in to your store, compute this hash on your server with the shop secret (never in the browser) and pass it to the widget together with the customer id, name and email. Agents then see the customer as verified.</p>
      <p class="small muted">${data.identity.algorithm}</p>
      <div class="lang-tabs">${langs.map(([k, label]) => html`<button key=${k} type="button"
        class=${`btn btn-small${k === lang ? ' is-active' : ''}`} data-testid=${`install-lang-${k}`} onClick=${() => setLang(k)}>${label}</button>`)}</div>
      <div class="code-row"><pre class="code" data-testid="install-identity" data-lang=${lang}>${data.identity[lang]}</pre>
        <${CopyButton} testid="copy-identity" text=${data.identity[lang]} /></div>
    </section>`;
}
