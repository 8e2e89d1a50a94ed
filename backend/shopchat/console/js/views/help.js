/* The keyboard help overlay (? or the ? button; Esc, Close or a click outside closes it). */
import { useEffect, useRef } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { setHelp } from '../store.js';
import { SHORTCUTS } from '../keys.js';

export function Help() {
  const close = useRef(/** @type {HTMLButtonElement|null} */ (null));
  useEffect(() => { if (close.current) close.current.focus(); }, []);
  /** @param {MouseEvent} ev */
  const outside = (ev) => { if (ev.target === ev.currentTarget) setHelp(false); };
  return html`<div class="overlay" data-testid="help-overlay" onClick=${outside}>
    <div class="help-dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
      <div class="help-head"><h2>Keyboard shortcuts</h2>
        <button type="button" class="btn btn-small" data-testid="help-close" ref=${close} onClick=${() => setHelp(false)}>Close</button>
      </div>
      <table class="help-table"><tbody>
        ${SHORTCUTS.map(([k, v]) => html`<tr key=${k}><th><kbd>${k}</kbd></th><td>${v}</td></tr>`)}
      </tbody></table>
    </div>
  </div>`;
}
