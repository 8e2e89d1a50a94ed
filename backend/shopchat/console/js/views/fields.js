/* Small pieces the settings pages share: a labelled field, a status line, a Copy button. */
import { useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';

/** @param {{id: string, label: string, hint?: string, children?: any}} props */
export function Field({ id, label, hint, children }) {
  return html`<div class="field"><label class="field-label" for=${id}>${label}</label>${children}
    ${hint ? html`<p class="field-hint muted">${hint}</p>` : null}</div>`;
}

/** A status line's text and whether it reports an error. */
export function useStatus() {
  const [status, setStatus] = useState({ text: '', bad: false });
  /** @param {string} text @param {boolean} [bad] */
  const set = (text, bad = false) => setStatus({ text, bad });
  return /** @type {const} */ ([status, set]);
}

/** @param {{testid: string, status: {text: string, bad: boolean}}} props */
export function Status({ testid, status }) {
  return html`<p class=${`form-status${status.bad ? ' error-text' : ''}`} data-testid=${testid} role="status">${status.text}</p>`;
}

/** The message of an error caught from api(). @param {unknown} e */
export function message(e) {
  return /** @type {Error} */ (e).message;
}

/** @param {{testid: string, text: string}} props */
export function CopyButton({ testid, text }) {
  const [label, setLabel] = useState('Copy');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setLabel('Copied');
    } catch (e) {
      setLabel('Select and copy');
    }
    setTimeout(() => setLabel('Copy'), 2000);
  };
  return html`<button type="button" class="btn btn-small" data-testid=${testid} onClick=${copy}>${label}</button>`;
}

/** Binds an input to one key of a form's state object (controlled: a re-render never loses typing).
 * @param {Record<string, any>} form @param {(f: any) => void} setForm @param {string} key */
export function bind(form, setForm, key) {
  /** @param {Event} ev */
  const onInput = (ev) => {
    const el = /** @type {HTMLInputElement} */ (ev.currentTarget);
    setForm({ ...form, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };
  return typeof form[key] === 'boolean' ? { checked: form[key], onChange: onInput } : { value: form[key], onInput };
}
