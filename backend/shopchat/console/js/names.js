/* What to call a shopper: their name, or a friendly "Calm Otter" derived from the visitor id
 * (the same for every agent and every reload); initials and a colour tone for the avatar. */

const ADJECTIVES = ['Agile', 'Amber', 'Azure', 'Bold', 'Brave', 'Breezy', 'Bright', 'Brisk',
  'Calm', 'Candid', 'Cheerful', 'Clever', 'Cosmic', 'Crisp', 'Curious', 'Daring', 'Dapper',
  'Eager', 'Fancy', 'Fearless', 'Festive', 'Fluffy', 'Friendly', 'Gentle', 'Gleeful', 'Golden',
  'Graceful', 'Happy', 'Hearty', 'Honest', 'Jolly', 'Jovial', 'Kind', 'Lively', 'Lucky', 'Merry',
  'Mellow', 'Misty', 'Modest', 'Nimble', 'Noble', 'Plucky', 'Polite', 'Proud', 'Quick', 'Quiet',
  'Radiant', 'Rapid', 'Rosy', 'Rustic', 'Sage', 'Silver', 'Snowy', 'Sunny', 'Swift', 'Tidy',
  'Tranquil', 'Upbeat', 'Velvet', 'Vivid', 'Warm', 'Witty', 'Zesty', 'Cozy'];
const ANIMALS = ['Alpaca', 'Badger', 'Beaver', 'Bison', 'Bobcat', 'Cheetah', 'Condor', 'Crane',
  'Dingo', 'Dolphin', 'Eagle', 'Egret', 'Falcon', 'Ferret', 'Finch', 'Fox', 'Gazelle', 'Gecko',
  'Heron', 'Hedgehog', 'Ibex', 'Ibis', 'Jackal', 'Jaguar', 'Kestrel', 'Kiwi', 'Koala', 'Lemur',
  'Llama', 'Lynx', 'Magpie', 'Marmot', 'Meerkat', 'Mink', 'Moose', 'Narwhal', 'Newt', 'Ocelot',
  'Orca', 'Otter', 'Owl', 'Panda', 'Pelican', 'Penguin', 'Puffin', 'Quail', 'Quokka', 'Rabbit',
  'Raccoon', 'Raven', 'Robin', 'Salmon', 'Seal', 'Sparrow', 'Stork', 'Tapir', 'Toucan', 'Turtle',
  'Walrus', 'Weasel', 'Wombat', 'Wren', 'Yak', 'Zebra'];

/** FNV-1a, 32 bit: a stable number for a string. @param {string} str */
export function hash(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** @param {unknown} visitorId */
export function friendlyName(visitorId) {
  const h = hash(String(visitorId || ''));
  return `${ADJECTIVES[h % ADJECTIVES.length]} ${ANIMALS[(h >>> 16) % ANIMALS.length]}`;
}

/** The shopper's own name, trimmed, or '' when they gave none. @param {Record<string, any>|null|undefined} visitor */
export function givenName(visitor) {
  return visitor && typeof visitor.name === 'string' ? visitor.name.trim() : '';
}

/** @param {Record<string, any>|null|undefined} visitor */
export function visitorName(visitor) {
  return givenName(visitor) || friendlyName(visitor && visitor.id);
}

/** @param {string} name */
export function initials(name) {
  const parts = String(name).trim().split(/\s+/).filter(Boolean);
  const s = parts.length > 1 ? parts[0][0] + parts[1][0] : (parts[0] || '?').slice(0, 2);
  return s.toUpperCase();
}

/** One of 8 avatar colours. @param {Record<string, any>|null|undefined} visitor */
export function tone(visitor) {
  return (hash(String((visitor && visitor.id) || visitorName(visitor))) >>> 8) % 8;
}
