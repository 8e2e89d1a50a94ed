/* Signing in and out, and what a signed-in console starts: the socket, the list, the
 * agent's preferences, limits, canned replies and team, the conversation in the URL. */
import { api, ApiError } from './api.js';
import { beginSession, endSession, saveProfile, storedSession } from './session.js';
import { connect } from './socket.js';
import { frameHandlers, socketClosed } from './frames.js';
import { loadList } from './list-actions.js';
import { openConversation } from './conversation.js';
import { conversationFromHash, showView, setHash } from './shell.js';
import { getState, setAgent, setPrefs, setLimits, setCanned, setTeam } from './store.js';

/** @param {string} email @param {string} password @returns {Promise<void>} rejects with ApiError */
export async function login(email, password) {
  const data = await api('POST', '/agent/login', { email, password });
  if (!data.token) throw new ApiError(500, 'bad_response', 'The server sent an unexpected answer.');
  beginSession({ token: data.token, agent: data.agent || null, shop: data.shop || null });
  enterInbox();
}

export async function logout() {
  const ended = api('POST', '/agent/logout').catch(() => { /* we log out locally regardless */ });
  await Promise.race([ended, new Promise((resolve) => { setTimeout(resolve, 3000); })]);
  setHash('');
  endSession();
}

/** A reload of a signed-in tab: carry on with the stored token. @returns {boolean} signed in */
export function resume() {
  const stored = storedSession();
  if (!stored) return false;
  beginSession(stored);
  enterInbox();
  return true;
}

function enterInbox() {
  const wanted = conversationFromHash();
  const settings = location.hash === '#/settings';
  loadList().then(() => {
    if (wanted && !getState().thread) openConversation(wanted, { keepFocus: settings, fromUrl: true });
  });
  loadAccount();
  connect(frameHandlers, socketClosed);
  if (settings) showView('settings');
}

/** What the console needs once per sign-in: preferences and limits, canned replies, the team. */
async function loadAccount() {
  const [me, canned, team] = await Promise.all([
    api('GET', '/me').catch(() => null),
    api('GET', '/canned').catch(() => null),
    api('GET', '/agents').catch(() => null),
  ]);
  if (me) {
    setPrefs(me.preferences || {});
    if (me.limits) setLimits(me.limits);
    if (me.agent) setAgent({ id: me.agent.id, name: me.agent.name, role: me.agent.role, email: me.agent.email });
    saveProfile();
  }
  if (canned) setCanned(canned.canned_replies || []);
  if (team) setTeam(team.agents || []);
}

