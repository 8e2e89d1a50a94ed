/* What each frame the server sends an agent socket does (realtime/agent.py, fanout.py,
 * api/settings.py): welcome, ack, message, conversation, typing, read, visitor_presence, shop,
 * error. Any other type is ignored. A new frame type is a new entry here. */
import { getState, setAgent, setShop, setConnection, upsertConversation, bumpConversation, setPresence,
  patchThread, threadChanged, setReplyError } from './store.js';
import { saveProfile, onEverySessionEnd } from './session.js';
import { refreshList } from './list-actions.js';
import { allThreads, catchUp, markRead, showTyping, hideTyping, refreshPanelSoon } from './conversation.js';
import { resendPending, failPending } from './sending.js';
import { notifyMessage, known } from './notify.js';
import { toast } from './shell.js';

let welcomedOnce = false;

/** @param {number} id the open conversation, or null */
function isOpen(id) {
  const t = getState().thread;
  return !!t && t.id === id;
}

function visible() {
  return document.visibilityState !== 'hidden';
}

/** @type {Record<string, (frame: Record<string, any>) => void>} */
export const frameHandlers = {
  welcome(f) {
    if (f.agent) setAgent(f.agent);
    if (f.shop) setShop(f.shop);
    saveProfile();
    setConnection('online');
    if (welcomedOnce) {
      refreshList();
      catchUp();
    }
    welcomedOnce = true;
    resendPending();
    markRead();
  },

  ack(f) {
    const m = f.message;
    const t = getState().thread;
    if (m && t && t.id === m.conversation_id) t.model.add(m); // replaces the pending bubble
    for (const [, model] of allThreads()) model.removePending(f.client_msg_id);
    if (m) bumpConversation(m, isOpen(m.conversation_id) && visible());
    threadChanged({ stick: true });
  },

  message(f) {
    const m = f.message;
    if (!m) return;
    const s = getState();
    const conv = s.list.items.get(m.conversation_id) || (isOpen(m.conversation_id) && s.thread ? s.thread.conv : null);
    notifyMessage(m, conv || null);
    const t = s.thread;
    if (t && t.id === m.conversation_id) {
      if (m.author === 'visitor') hideTyping();
      if (t.model.add(m)) threadChanged();
      if (m.author === 'visitor') markRead();
    }
    bumpConversation(m, isOpen(m.conversation_id) && visible());
  },

  conversation(f) {
    const c = f.conversation;
    if (!c) return;
    const t = getState().thread;
    if (t && t.id === c.id && t.conv) {
      const before = JSON.stringify([t.conv.context || null, t.conv.visitor || null]);
      if (before !== JSON.stringify([c.context || null, c.visitor || null])) refreshPanelSoon(c.id);
    }
    upsertConversation(c);
    known(c.id, c);
  },

  typing(f) {
    if ((!f.author || f.author === 'visitor') && isOpen(f.conversation_id)) showTyping();
  },

  read(f) {
    const t = getState().thread;
    if (f.by === 'visitor' && t && t.id === f.conversation_id && f.seq > t.visitorRead) patchThread({ visitorRead: f.seq });
  },

  visitor_presence(f) {
    setPresence(f.conversation_id, !!f.online);
    if (isOpen(f.conversation_id)) refreshPanelSoon(f.conversation_id);
  },

  shop(f) {
    if (f.shop) setShop(f.shop);
    saveProfile();
  },

  error(f) {
    const mine = failPending(f);
    const msg = f.message || 'Something went wrong.';
    if (mine || (f.client_msg_id && getState().thread)) setReplyError(msg);
    else toast(msg);
  },
};

/** The socket closed: nothing is typing any more; the next welcome is a reconnect. */
export function socketClosed() {
  hideTyping();
}

onEverySessionEnd(() => { welcomedOnce = false; });
