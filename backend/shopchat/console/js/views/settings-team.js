/* Team (owners): the shop's agents; deactivate / reactivate, set a password, add an agent. */
import { useEffect, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { api } from '../api.js';
import { setTeam } from '../store.js';
import { Field, Status, bind, message, useStatus } from './fields.js';

/** @typedef {import('../store.js').State} State */
const NEW_AGENT = { name: '', email: '', password: '', role: 'agent' };

/** @param {{a: Record<string, any>, me: number|null, act: (path: string, done: string, body?: unknown) => void}} props */
function AgentRow({ a, me, act }) {
  const [password, setPassword] = useState('');
  return html`<tr data-testid="agent-row" data-agent-id=${a.id} class=${a.is_active ? '' : 'is-inactive'}>
    <td><strong>${a.name}</strong><br /><span class="muted small">${a.email}</span></td>
    <td>${a.role === 'owner' ? 'Owner' : 'Agent'}</td>
    <td>${a.is_active ? 'Active' : 'Deactivated'}</td>
    <td><div class="row-actions">
      ${a.id === me ? null : a.is_active
        ? html`<button type="button" class="btn btn-small" data-testid="agent-deactivate"
            onClick=${() => act(`/agents/${a.id}/deactivate`, `${a.name} is deactivated and signed out.`)}>Deactivate</button>`
        : html`<button type="button" class="btn btn-small" data-testid="agent-reactivate"
            onClick=${() => act(`/agents/${a.id}/reactivate`, `${a.name} can sign in again.`)}>Reactivate</button>`}
      <input type="password" class="inline-input" data-testid="agent-new-password" placeholder="New password"
        autocomplete="new-password" minlength="8" value=${password}
        onInput=${(/** @type {Event} */ ev) => setPassword(/** @type {HTMLInputElement} */ (ev.currentTarget).value)} />
      <button type="button" class="btn btn-small" data-testid="agent-reset-password"
        onClick=${() => act(`/agents/${a.id}/password`, `New password set for ${a.name}; their sessions ended.`, { password })}>Set password</button>
    </div></td>
  </tr>`;
}

/** @param {{s: State}} props */
export function TeamSettings({ s }) {
  const [status, setStatus] = useStatus();
  const [form, setForm] = useState(NEW_AGENT);
  const load = () => api('GET', '/agents').then((data) => setTeam(data.agents || []), (e) => setStatus(message(e), true));
  useEffect(() => { load(); }, []);
  /** @param {string} path @param {string} done @param {unknown} [body] */
  const act = async (path, done, body) => {
    try {
      await api('POST', path, body);
      setStatus(done);
      await load();
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  /** @param {Event} ev */
  const invite = async (ev) => {
    ev.preventDefault();
    const email = form.email.trim();
    try {
      await api('POST', '/agents', { name: form.name.trim() || null, email, password: form.password, role: form.role });
      setStatus(`${email} can now sign in.`);
      setForm(NEW_AGENT);
      await load();
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  const me = s.agent ? s.agent.id : null;
  return html`<section class="card"><h3>Team</h3>
      <table class="table" data-testid="agents-table">
        <thead><tr><th>Agent</th><th>Role</th><th>Status</th><th></th></tr></thead>
        <tbody>${s.team.map((a) => html`<${AgentRow} key=${a.id} a=${a} me=${me} act=${act} />`)}</tbody>
      </table>
      <${Status} testid="team-status" status=${status} />
    </section>
    <form class="card form" data-testid="invite-form" onSubmit=${invite}>
      <h3>Add an agent</h3>
      <div class="field-row">
        <${Field} id="invite-name" label="Name"><input id="invite-name" type="text" data-testid="invite-name" maxlength="200"
          ...${bind(form, setForm, 'name')} /><//>
        <${Field} id="invite-email" label="Email"><input id="invite-email" type="email" data-testid="invite-email" required
          autocomplete="off" ...${bind(form, setForm, 'email')} /><//>
      </div>
      <div class="field-row">
        <${Field} id="invite-password" label="First password" hint="Share it with them; they can change it under My account.">
          <input id="invite-password" type="password" data-testid="invite-password" required minlength="8"
            autocomplete="new-password" ...${bind(form, setForm, 'password')} /><//>
        <${Field} id="invite-role" label="Role"><select id="invite-role" data-testid="invite-role" value=${form.role}
          onChange=${(/** @type {Event} */ ev) => setForm({ ...form, role: /** @type {HTMLSelectElement} */ (ev.currentTarget).value })}>
          <option value="agent">Agent</option><option value="owner">Owner</option></select><//>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary" data-testid="invite-submit">Add agent</button></div>
    </form>`;
}
