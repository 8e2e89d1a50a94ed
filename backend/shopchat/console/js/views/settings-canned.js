/* Canned replies (owners): the list, edit, delete, and the add / edit form. */
import { useEffect, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { api } from '../api.js';
import { setCanned } from '../store.js';
import { Field, Status, bind, message, useStatus } from './fields.js';

/** @typedef {import('../store.js').State} State */
const EMPTY = { id: /** @type {number|null} */ (null), shortcut: '', body: '' };

/** @param {{s: State}} props */
export function CannedSettings({ s }) {
  const [status, setStatus] = useStatus();
  const [form, setForm] = useState(EMPTY);
  const load = () => api('GET', '/canned').then((data) => setCanned(data.canned_replies || []), (e) => setStatus(message(e), true));
  useEffect(() => { load(); }, []);
  /** @param {Event} ev */
  const save = async (ev) => {
    ev.preventDefault();
    const body = { shortcut: form.shortcut, body: form.body };
    try {
      await (form.id ? api('PUT', `/canned/${form.id}`, body) : api('POST', '/canned', body));
      setStatus('Saved.');
      setForm(EMPTY);
      await load();
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  /** @param {{id: number, shortcut: string}} c */
  const remove = async (c) => {
    try {
      await api('DELETE', `/canned/${c.id}`);
      setStatus(`/${c.shortcut} deleted.`);
      await load();
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  /** @param {{id: number, shortcut: string, body: string}} c */
  const edit = (c) => {
    setForm({ id: c.id, shortcut: c.shortcut, body: c.body });
    const box = document.getElementById('canned-shortcut');
    if (box) box.focus();
  };
  return html`<section class="card"><h3>Canned replies</h3>
      <table class="table" data-testid="canned-table">
        <thead><tr><th>Shortcut</th><th>Text</th><th></th></tr></thead>
        <tbody>${s.canned.length ? s.canned.map((c) => html`<tr key=${c.id} data-testid="canned-row" data-shortcut=${c.shortcut}>
          <td><code>/${c.shortcut}</code></td><td class="canned-text">${c.body}</td>
          <td><div class="row-actions">
            <button type="button" class="btn btn-small" data-testid="canned-edit" onClick=${() => edit(c)}>Edit</button>
            <button type="button" class="btn btn-small" data-testid="canned-delete" onClick=${() => remove(c)}>Delete</button>
          </div></td></tr>`)
          : html`<tr><td colspan="3" class="muted">No canned replies yet.</td></tr>`}</tbody>
      </table>
    </section>
    <form class="card form" data-testid="canned-form" onSubmit=${save}>
      <h3>Add or edit a canned reply</h3>
      <${Field} id="canned-shortcut" label="Shortcut" hint="Agents type /shortcut in the reply box to insert the text.">
        <input id="canned-shortcut" type="text" data-testid="canned-shortcut" maxlength="50" placeholder="shipping" required
          spellcheck="false" ...${bind(form, setForm, 'shortcut')} /><//>
      <${Field} id="canned-body" label="Text"><textarea id="canned-body" data-testid="canned-body" rows="3" maxlength="2000" required
        ...${bind(form, setForm, 'body')}></textarea><//>
      <div class="form-actions"><button type="submit" class="btn btn-primary" data-testid="canned-save">${form.id ? 'Save reply' : 'Add reply'}</button>
        <${Status} testid="canned-status" status=${status} /></div>
    </form>`;
}
