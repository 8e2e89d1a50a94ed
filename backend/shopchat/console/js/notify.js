/* Telling the agent about a shopper's message: a chime (WebAudio, no sound file), a desktop
 * Notification, and <html data-notified="N"> for tests; each per the agent's preferences. */
import { getState } from './store.js';
import { later, sessionSignal } from './session.js';
import { shouldNotify, notificationText } from './notify-rules.js';

/** @type {AudioContext|null} */
let audio = null;
let notified = 0;
/** Conversations whose first message waits for its `conversation` frame: id -> callback. */
const waiting = new Map();

/** @type {(id: number) => void} */
let openHandler = () => {};

/** What clicking a notification does (set by the app: open that conversation). @param {(id: number) => void} fn */
export function onNotificationClick(fn) {
  openHandler = fn;
}

function chime() {
  try {
    const w = /** @type {any} */ (window);
    const Ctx = w.AudioContext || w.webkitAudioContext;
    if (!Ctx) return;
    audio = audio || /** @type {AudioContext} */ (new Ctx());
    if (audio.state === 'suspended') audio.resume();
    const ctx = audio;
    const now = ctx.currentTime;
    for (const [freq, at] of [[880, 0], [1320, 0.12]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.18, now + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.3);
    }
  } catch (e) { /* no audio: the title and the list still show it */ }
}

/** @param {Record<string, any>} m @param {Record<string, any>|null} conv @param {boolean} isNew */
function desktop(m, conv, isNew) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const text = notificationText(m, conv, isNew);
  try {
    const n = new Notification(text.title, { body: text.body, tag: text.tag });
    n.onclick = () => {
      window.focus();
      openHandler(m.conversation_id);
      n.close();
    };
  } catch (e) { /* some browsers only allow notifications from a service worker */ }
}

/** @param {Record<string, any>} m @param {Record<string, any>|null} conv @param {boolean} isNew */
function announce(m, conv, isNew) {
  const s = getState();
  const screen = { view: s.view, visible: document.visibilityState !== 'hidden', openId: s.thread ? s.thread.id : null };
  if (!shouldNotify(m, screen)) return;
  notified += 1;
  document.documentElement.setAttribute('data-notified', String(notified));
  if (s.prefs.sound) chime();
  if (s.prefs.desktop) desktop(m, conv, isNew);
}

/**
 * A live message. One of a conversation this console has no row for comes just before that
 * conversation's frame: wait up to 2 s for it, to name the shopper.
 * @param {Record<string, any>} m @param {Record<string, any>|null} conv
 */
export function notifyMessage(m, conv) {
  if (conv || m.author !== 'visitor' || m.internal) {
    announce(m, conv, false);
    return;
  }
  const id = m.conversation_id;
  if (waiting.has(id)) return; // one notification for the burst (same tag anyway)
  const timer = later(() => known(id, null), 2000);
  sessionSignal().addEventListener('abort', () => waiting.delete(id), { once: true });
  waiting.set(id, (/** @type {Record<string, any>|null} */ c) => {
    clearTimeout(timer);
    announce(m, c, true);
  });
}

/** A conversation frame: announce a message that waited for it. @param {number} id @param {Record<string, any>|null} conv */
export function known(id, conv) {
  const callback = waiting.get(id);
  waiting.delete(id);
  if (callback) callback(conv);
}
