/* The sign-in form (removed from the page once signed in). */
import { useEffect, useRef, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { login } from '../account.js';

/** @param {{message: string, notices?: any}} props notices: the offline notice, above the form */
export function Login({ message, notices }) {
  const [error, setError] = useState(message);
  const [busy, setBusy] = useState(false);
  const email = useRef(/** @type {HTMLInputElement|null} */ (null));
  const password = useRef(/** @type {HTMLInputElement|null} */ (null));
  useEffect(() => {
    document.title = 'Sign in — shopchat';
    if (email.current) email.current.focus();
  }, []);

  /** @param {Event} ev */
  async function submit(ev) {
    ev.preventDefault();
    setError('');
    setBusy(true);
    try {
      await login(email.current ? email.current.value.trim() : '', password.current ? password.current.value : '');
    } catch (e) {
      setError(/** @type {Error} */ (e).message || 'Sign in failed.');
      setBusy(false);
      if (password.current) password.current.select();
    }
  }

  return html`<main class="login-screen">
    <form class="login-card" data-testid="login-form" onSubmit=${submit}>
      <div class="login-brand"><span class="logo-mark" aria-hidden="true"></span>shopchat</div>
      ${notices}
      <h1 class="login-title">Sign in to the agent console</h1>
      <label class="field-label" for="login-email">Email</label>
      <input id="login-email" type="email" name="email" autocomplete="username" required
        data-testid="login-email" spellcheck="false" ref=${email} />
      <label class="field-label" for="login-password">Password</label>
      <input id="login-password" type="password" name="password" autocomplete="current-password"
        required data-testid="login-password" ref=${password} />
      <p class="login-error" data-testid="login-error" role="alert" hidden=${!error}>${error}</p>
      <button type="submit" class="btn btn-primary btn-block" data-testid="login-submit" disabled=${busy}>
        ${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </main>`;
}
