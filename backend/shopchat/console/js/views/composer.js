/* The reply box: Enter sends, Shift+Enter is a new line, / lists canned replies, 😊 emoji,
 * 📎 an image, 🔒 Note switches to internal notes; the server's length limit and counter. */
import { useEffect, useRef, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { IMAGE_TYPES } from '../../common/uploads.js';
import { setNoteMode } from '../store.js';
import { replyBody, sendImage, sendReply, typed } from '../sending.js';
import { slashToken, cannedMatches, EMOJI } from '../canned.js';
import { truncate } from '../format.js';
import { onEscape } from '../keys.js';

/** @typedef {import('../store.js').State} State */
/** @typedef {{id: number, shortcut: string, body: string}} Canned */

/** @param {{insert: (text: string) => void, close: () => void}} props */
function EmojiPicker({ insert, close }) {
  useEffect(() => {
    /** @param {MouseEvent} ev */
    const outside = (ev) => {
      if (ev.target instanceof Element && !ev.target.closest('.emoji-picker, [data-testid="emoji-button"]')) close();
    };
    document.addEventListener('click', outside);
    const unregister = onEscape(() => { close(); return true; });
    return () => { document.removeEventListener('click', outside); unregister(); };
  }, []);
  return html`<div class="emoji-picker" data-testid="emoji-picker" role="menu">
    ${EMOJI.map((e) => html`<button key=${e} type="button" class="emoji" role="menuitem" aria-label=${e}
      onClick=${() => { insert(e); close(); }}>${e}</button>`)}
  </div>`;
}

/** @param {{s: State}} props */
export function Composer({ s }) {
  const input = useRef(/** @type {HTMLTextAreaElement|null} */ (null));
  const picker = useRef(/** @type {HTMLInputElement|null} */ (null));
  const [text, setText] = useState('');
  const [emoji, setEmoji] = useState(false);
  const [suggest, setSuggest] = useState({ items: /** @type {Canned[]} */ ([]), index: 0 });
  const max = s.limits.max_body_chars;
  const note = s.noteMode;

  const box = () => /** @type {HTMLTextAreaElement} */ (input.current);
  /** Re-read the box after any change to it: counter, rows, canned list. */
  const changed = () => {
    const el = box();
    setText(el.value);
    const token = document.activeElement === el ? slashToken(el.value, el.selectionStart) : null;
    const items = token ? cannedMatches(s.canned, token.prefix) : [];
    setSuggest((old) => ({ items, index: Math.min(old.index, Math.max(0, items.length - 1)) }));
  };
  useEffect(changed, [s.canned]); // a "/" typed before the list arrived

  /** @param {string} value */
  const insert = (value) => {
    const el = box();
    el.setRangeText(value, el.selectionStart, el.selectionEnd, 'end');
    el.focus();
    changed();
  };
  /** @param {Canned} c */
  const applyCanned = (c) => {
    const el = box();
    const token = slashToken(el.value, el.selectionStart);
    if (!token) return;
    el.setRangeText(c.body, token.start, el.selectionStart, 'end');
    el.focus();
    changed();
    setSuggest({ items: [], index: 0 });
  };
  const submit = () => {
    if (sendReply(replyBody(box().value))) {
      box().value = '';
      changed();
      box().focus();
    }
  };
  /** @param {KeyboardEvent} ev */
  const key = (ev) => {
    if (ev.isComposing) return;
    const n = suggest.items.length;
    if (n && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
      setSuggest({ ...suggest, index: (suggest.index + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n });
    } else if (n && ((ev.key === 'Enter' && !ev.shiftKey) || ev.key === 'Tab')) {
      applyCanned(suggest.items[suggest.index] || suggest.items[0]);
    } else if (n && ev.key === 'Escape') {
      setSuggest({ items: [], index: 0 });
      ev.stopPropagation(); // Esc closes the list only, it does not leave the reply box
    } else if (ev.key === 'Enter' && !ev.shiftKey && !ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      submit();
    } else {
      return;
    }
    ev.preventDefault();
  };
  const input_ = () => {
    changed();
    typed(box().value);
  };
  // Hide the list once a click on an option had time to land, unless the box has focus again.
  const blur = () => setTimeout(() => { if (document.activeElement !== input.current) setSuggest({ items: [], index: 0 }); }, 150);
  /** @param {Event} ev */
  const attach = (ev) => {
    const chosen = /** @type {HTMLInputElement} */ (ev.currentTarget);
    const file = chosen.files && chosen.files[0];
    chosen.value = '';
    if (!file) return;
    const caption = box().value.trim();
    box().value = '';
    changed();
    sendImage(file, caption);
  };

  return html`<form class="composer" data-testid="composer" onSubmit=${(/** @type {Event} */ ev) => { ev.preventDefault(); submit(); }}>
    <p class="reply-error" data-testid="reply-error" role="alert" hidden=${!s.replyError}>${s.replyError}</p>
    <div class=${`composer-box${note ? ' is-note' : ''}`}>
      <ul class="suggest" data-testid="canned-suggestions" role="listbox" aria-label="Canned replies" hidden=${!suggest.items.length}>
        ${suggest.items.map((c, i) => html`<li key=${c.id} class=${`suggest-item${i === suggest.index ? ' is-active' : ''}`}
            data-testid="canned-option" role="option" data-shortcut=${c.shortcut} aria-selected=${i === suggest.index ? 'true' : 'false'}
            onMouseDown=${(/** @type {Event} */ ev) => { ev.preventDefault(); applyCanned(c); }}>
          <span class="suggest-key">/${c.shortcut}</span><span class="suggest-body">${truncate(c.body, 80)}</span></li>`)}
      </ul>
      ${emoji ? html`<${EmojiPicker} insert=${insert} close=${() => setEmoji(false)} />` : null}
      <textarea class="reply-input" data-testid="reply-input" maxlength=${max} aria-label="Reply" aria-autocomplete="list"
        ref=${input} rows=${Math.min(8, Math.max(2, text.split('\n').length))}
        placeholder=${note ? 'Internal note — only your team sees it' : s.layout === 'phone' ? 'Write a reply…'
          : 'Write a reply…  (Enter to send, Shift+Enter for a new line, / for canned replies)'}
        onKeyDown=${key} onInput=${input_} onClick=${changed} onBlur=${blur}></textarea>
      <div class="composer-actions">
        <button type="button" class=${`btn btn-small btn-note${note ? ' is-on' : ''}`} data-testid="note-toggle"
          aria-pressed=${note ? 'true' : 'false'} title="Internal note: only agents see it (N)"
          onClick=${() => { setNoteMode(!note); box().focus(); }}>🔒 Note</button>
        <button type="button" class="btn btn-small btn-ghost" data-testid="emoji-button" aria-label="Insert emoji"
          onClick=${() => setEmoji(!emoji)}>😊</button>
        <button type="button" class="btn btn-small btn-ghost" data-testid="attach-button" aria-label="Attach an image"
          title="Attach an image (PNG, JPEG, GIF, WebP; up to 5 MB)"
          onClick=${() => picker.current && picker.current.click()}>📎</button>
        <input type="file" class="visually-hidden" data-testid="attach-input" accept=${IMAGE_TYPES.join(',')} tabindex="-1"
          ref=${picker} onChange=${attach} />
        <span class="spacer"></span>
        <span class="counter" aria-hidden="true">${text.length > max - 200 ? `${text.length}/${max}` : ''}</span>
        <button type="submit" class="btn btn-primary" data-testid="reply-send">${note ? 'Add note' : 'Send'}</button>
      </div>
    </div>
  </form>`;
}
