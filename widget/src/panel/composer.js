// Writing: the textarea (Enter sends, Shift+Enter is a newline, grows to 5 rows), the send
// button, the emoji picker (its data loads on first open), and images from the "+" button,
// a paste or a drop onto the panel.
import { IMAGE_TYPES } from '../common/uploads.js';
import { el, icon } from './dom.js';

export const MAX_BODY = 2000;
export const TYPING_EVERY_MS = 3000;

/** @typedef {import('./i18n.js').Strings} Strings */

/**
 * The text as it is sent: newlines normalised, trimmed, at most MAX_BODY characters.
 * @param {string} value
 */
export function messageText(value) {
  return value.replace(/\r\n?/g, '\n').trim().slice(0, MAX_BODY);
}

export class Composer {
  /**
   * @param {Strings} strings
   * @param {object} on
   * @param {(text: string) => boolean} on.send a message to send; false when it cannot be sent now
   * @param {(file: File) => void} on.image
   * @param {() => boolean} on.typing the shopper typed (at most every TYPING_EVERY_MS); true if told
   * @param {() => Promise<{groups?: {emoji?: string[]}[]}>} on.emoji the picker's data
   */
  constructor(strings, on) {
    this.on = on;
    const label = strings.bind.bind(strings);
    this.lastTyping = 0;
    this.disabled = false;

    this.emojiBox = el('div', 'emoji', { 'data-testid': 'emoji-picker', role: 'group' });
    label(this.emojiBox, 'aria-label', 'emoji');
    this.emojiBox.hidden = true;
    /** @type {Promise<void>|null} */
    this.emojiLoad = null;

    this.bar = el('div', 'composer');
    const attach = this.bar.appendChild(el('button', 'tool', { type: 'button', 'data-testid': 'attach-button' }));
    label(attach, 'aria-label', 'attach');
    attach.appendChild(icon('plus'));
    this.emojiButton = this.bar.appendChild(el('button', 'tool', {
      type: 'button', 'data-testid': 'emoji-button', 'aria-expanded': 'false',
    }));
    label(this.emojiButton, 'aria-label', 'emoji');
    this.emojiButton.appendChild(icon('emoji'));
    const input = (this.input = this.bar.appendChild(el('textarea', 'input', {
      'data-testid': 'input', rows: '1', maxlength: String(MAX_BODY),
    })));
    label(input, 'placeholder', 'input');
    label(input, 'aria-label', 'input');
    this.sendButton = this.bar.appendChild(el('button', 'send', { type: 'button', 'data-testid': 'send' }));
    label(this.sendButton, 'aria-label', 'send');
    this.sendButton.appendChild(icon('send'));
    this.sendButton.disabled = true;
    const file = this.bar.appendChild(el('input', '', {
      type: 'file', accept: IMAGE_TYPES.join(','), 'data-testid': 'file-input', tabindex: '-1',
    }));
    file.hidden = true;

    attach.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const chosen = file.files && file.files[0];
      file.value = '';
      if (chosen) on.image(chosen);
    });
    input.addEventListener('paste', (e) => {
      const files = e.clipboardData && e.clipboardData.files;
      if (files && files.length && /^image\//.test(files[0].type)) {
        e.preventDefault();
        on.image(files[0]);
      }
    });
    input.addEventListener('input', () => {
      this.sendButton.disabled = !input.value.trim() || this.disabled;
      this.autosize();
      const now = Date.now();
      if (input.value && now - this.lastTyping > TYPING_EVERY_MS && on.typing()) this.lastTyping = now;
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submit();
      }
    });
    this.sendButton.addEventListener('click', () => {
      this.submit();
      input.focus();
    });
    this.emojiButton.addEventListener('click', () => this.toggleEmoji(this.emojiBox.hidden));
    this.emojiBox.addEventListener('click', (e) => {
      const target = /** @type {Element} */ (e.target);
      const button = target.closest && target.closest('.emo');
      if (button) this.insert(button.textContent || '');
    });
  }

  /**
   * Images dropped onto the panel are sent too.
   * @param {HTMLElement} panel
   */
  acceptDrops(panel) {
    panel.addEventListener('dragover', (e) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files')) {
        e.preventDefault();
        panel.classList.add('drop');
      }
    });
    panel.addEventListener('dragleave', (e) => {
      if (e.target === panel) panel.classList.remove('drop');
    });
    panel.addEventListener('drop', (e) => {
      panel.classList.remove('drop');
      const dropped = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (dropped) {
        e.preventDefault();
        this.on.image(dropped);
      }
    });
  }

  submit() {
    const text = messageText(this.input.value);
    if (text && this.on.send(text)) {
      this.input.value = '';
      this.lastTyping = 0; // the next keystroke starts a new message: tell the agents at once
      this.autosize();
    }
    this.sendButton.disabled = true;
  }

  /** A new shopper: no draft of the last one. */
  clear() {
    this.input.value = '';
    this.sendButton.disabled = true;
    this.autosize();
  }

  /** No more sending here (blocked or unavailable). */
  disable() {
    this.disabled = true;
    this.input.disabled = true;
    this.sendButton.disabled = true;
  }

  autosize() {
    const input = this.input;
    input.rows = 1;
    for (let r = 1; r < 5 && input.scrollHeight > input.clientHeight; r++) input.rows = r + 1;
  }

  /** Put text at the caret (an emoji from the picker), then close the picker. @param {string} text */
  insert(text) {
    const input = this.input;
    const value = input.value;
    const start = input.selectionStart || value.length;
    const end = input.selectionEnd || value.length;
    input.value = value.slice(0, start) + text + value.slice(end);
    input.selectionStart = input.selectionEnd = start + text.length;
    this.sendButton.disabled = this.disabled;
    this.toggleEmoji(false);
    input.focus();
  }

  /** @returns {boolean} false when the picker was not open */
  closeEmoji() {
    if (this.emojiBox.hidden) return false;
    this.toggleEmoji(false);
    this.emojiButton.focus();
    return true;
  }

  /** @param {boolean} show */
  toggleEmoji(show) {
    this.emojiBox.hidden = !show;
    this.emojiButton.setAttribute('aria-expanded', String(show));
    if (!show || this.emojiLoad) return;
    this.emojiLoad = this.on.emoji().then((data) => {
      for (const group of data.groups || []) {
        for (const ch of group.emoji || []) {
          const button = this.emojiBox.appendChild(el('button', 'emo', {
            type: 'button', 'data-testid': 'emoji', 'aria-label': ch,
          }));
          button.textContent = ch;
        }
      }
      const first = this.emojiBox.querySelector('button');
      if (first && !this.emojiBox.hidden) first.focus();
    }, () => {
      this.emojiLoad = null;
    });
  }
}
