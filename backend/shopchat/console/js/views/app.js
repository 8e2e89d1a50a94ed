/* The root: the sign-in form, or the signed-in shell. */
import { html, useStore } from '../html.js';
import { Login } from './login.js';
import { Shell } from './shell.js';
import { Notices } from './notices.js';

export function App() {
  const s = useStore();
  return s.token ? html`<${Shell} s=${s} />`
    : html`<${Login} message=${s.loginMessage} notices=${html`<${Notices} s=${s} />`} />`;
}
