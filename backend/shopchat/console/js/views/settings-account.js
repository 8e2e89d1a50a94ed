/* My account: notification switches (sound, title, desktop; the browser's permission), which
 * unread messages are mailed to me (and a test mail), and changing one's password (other
 * sessions end). */
import { useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { api } from '../api.js';
import { setPrefs } from '../store.js';
import { Field, Status, bind, message, useStatus } from './fields.js';

/** @typedef {import('../store.js').State} State */
const PREFS = /** @type {const} */ ([['sound', 'Play a sound'], ['title', 'Show the unread count in the tab title'],
  ['desktop', 'Show a browser notification']]);
const EMAIL_CHOICES = /** @type {const} */ ([['every_unanswered', 'Every message nobody has read'],
  ['new_conversations', 'New conversations only'], ['off', 'Nothing']]);

/** Which unread shopper messages are mailed to me (docs/email.md), and a test mail. @param {{s: State}} props */
function EmailSettings({ s }) {
  const [status, setStatus] = useStatus();
  /** @param {import('../store.js').EmailPref} email */
  const choose = async (email) => {
    const before = s.prefs.email;
    setPrefs({ email });
    try {
      const data = await api('PUT', '/me/preferences', { email });
      setPrefs(data.preferences || {});
      setStatus('Saved.');
    } catch (e) {
      setPrefs({ email: before });
      setStatus(message(e), true);
    }
  };
  const test = async () => {
    try {
      await api('POST', '/me/test-email');
      setStatus(`A test email is on its way to ${s.agent ? s.agent.email || 'your address' : 'your address'}.`);
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  return html`<section class="card form" data-testid="email-settings">
    <h3>Email notifications</h3>
    <p class="muted small">Sent when a shopper's message stays unread for a while, at once while nobody is in the console.</p>
    <${Field} id="pref-email" label="Email me about"><select id="pref-email" data-testid="pref-email"
      value=${s.prefs.email || 'every_unanswered'}
      onChange=${(/** @type {Event} */ ev) => choose(/** @type {any} */ (ev.currentTarget).value)}>
      ${EMAIL_CHOICES.map(([value, label]) => html`<option key=${value} value=${value}>${label}</option>`)}
    </select><//>
    <div class="form-actions"><button type="button" class="btn btn-small" data-testid="test-email" onClick=${test}>Send me a test email</button>
      <${Status} testid="email-status" status=${status} /></div>
  </section>`;
}

function Permission() {
  const [, setAsked] = useState(0);
  if (!('Notification' in window)) return null;
  if (Notification.permission === 'default') {
    return html`<button type="button" class="btn btn-small" data-testid="notifications-permission"
      onClick=${() => Notification.requestPermission().then(() => setAsked((n) => n + 1))}>Allow browser notifications</button>`;
  }
  return html`<p class="muted small">${Notification.permission === 'granted' ? 'Browser notifications are allowed.'
    : 'Browser notifications are blocked in this browser’s site settings.'}</p>`;
}

function PasswordForm() {
  const [form, setForm] = useState({ current: '', next: '' });
  const [status, setStatus] = useStatus();
  /** @param {Event} ev */
  const submit = async (ev) => {
    ev.preventDefault();
    try {
      const data = await api('POST', '/me/password', { current_password: form.current, new_password: form.next });
      setForm({ current: '', next: '' });
      setStatus(`Password changed.${data.revoked_sessions ? ` ${data.revoked_sessions} other session(s) signed out.` : ''}`);
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  return html`<form class="card form" data-testid="password-form" onSubmit=${submit}>
    <h3>Change password</h3>
    <p class="muted small">Your other signed-in browsers will be signed out.</p>
    <${Field} id="password-current" label="Current password"><input id="password-current" type="password"
      data-testid="password-current" autocomplete="current-password" required ...${bind(form, setForm, 'current')} /><//>
    <${Field} id="password-new" label="New password (at least 8 characters)"><input id="password-new" type="password"
      data-testid="password-new" autocomplete="new-password" minlength="8" required ...${bind(form, setForm, 'next')} /><//>
    <div class="form-actions"><button type="submit" class="btn btn-primary" data-testid="password-save">Change password</button>
      <${Status} testid="password-status" status=${status} /></div>
  </form>`;
}

/** @param {{s: State}} props */
export function AccountSettings({ s }) {
  const [status, setStatus] = useStatus();
  /** @param {'sound'|'title'|'desktop'} key @param {boolean} on */
  const save = async (key, on) => {
    setPrefs({ [key]: on });
    try {
      const data = await api('PUT', '/me/preferences', { [key]: on });
      setPrefs(data.preferences || {});
      setStatus('Saved.');
    } catch (e) {
      setPrefs({ [key]: !on });
      setStatus(message(e), true);
    }
  };
  return html`<section class="card" data-testid="notification-settings">
      <h3>Notifications</h3>
      <p class="muted small">For new conversations and messages while this tab is hidden or another conversation is open.</p>
      ${PREFS.map(([key, label]) => html`<label key=${key} class="check"><input type="checkbox" data-testid=${`pref-${key}`}
        checked=${!!s.prefs[key]} onChange=${(/** @type {Event} */ ev) => save(key, /** @type {HTMLInputElement} */ (ev.currentTarget).checked)} />
        <span>${label}</span></label>`)}
      <${Permission} />
      <${Status} testid="prefs-status" status=${status} />
    </section>
    <${EmailSettings} s=${s} />
    <${PasswordForm} />`;
}
