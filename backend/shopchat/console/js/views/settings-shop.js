/* Shop settings (owners): name, greeting, allowed origins, brand colour, widget position,
 * business hours (a time zone and one range per day, or always open), offline message. */
import { useEffect, useState } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { api } from '../api.js';
import { setShop } from '../store.js';
import { saveProfile } from '../session.js';
import { Field, Status, bind, message, useStatus } from './fields.js';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'],
  ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

/** The form's state from GET /shop/settings. @param {Record<string, any>} data */
export function formOf(data) {
  const hours = data.business_hours;
  /** @type {Record<string, any>} */
  const form = {
    name: data.name || '', greeting: data.greeting || '', offline: data.offline_message || '',
    origins: (data.allowed_origins || []).join('\n'), color: data.brand_color || '#2563eb',
    position: data.widget_position || 'right', always: !hours,
    timezone: (hours && hours.timezone) || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
  for (const [k] of DAYS) {
    const range = hours && hours.days && hours.days[k] && hours.days[k][0];
    form[`${k}_open`] = hours ? !!range : !['sat', 'sun'].includes(k);
    form[`${k}_from`] = range ? range[0] : '09:00';
    form[`${k}_to`] = range ? range[1] : '17:00';
  }
  return form;
}

/** What PUT /shop/settings gets. @param {Record<string, any>} form */
export function payloadOf(form) {
  /** @type {Record<string, string[][]>} */
  const days = {};
  for (const [k] of DAYS) days[k] = form[`${k}_open`] ? [[form[`${k}_from`], form[`${k}_to`]]] : [];
  return {
    name: form.name.trim(), greeting: form.greeting, offline_message: form.offline,
    allowed_origins: form.origins.split(/[\s,]+/).map((/** @type {string} */ o) => o.trim()).filter(Boolean),
    brand_color: form.color, widget_position: form.position,
    business_hours: form.always ? null : { timezone: form.timezone.trim(), days },
  };
}

/** @param {{form: Record<string, any>, setForm: (f: Record<string, any>) => void}} props */
function Hours({ form, setForm }) {
  return html`<div class="hours" data-testid="business-hours" hidden=${form.always}>
    <${Field} id="settings-timezone" label="Time zone"><input id="settings-timezone" type="text" data-testid="settings-timezone"
      placeholder="Europe/Oslo" ...${bind(form, setForm, 'timezone')} /><//>
    ${DAYS.map(([k, label]) => html`<div key=${k} class="hours-row">
      <label class="check"><input type="checkbox" data-testid=${`hours-${k}-open`} ...${bind(form, setForm, `${k}_open`)} /><span>${label}</span></label>
      <input type="time" data-testid=${`hours-${k}-from`} aria-label=${`${label} opens`} ...${bind(form, setForm, `${k}_from`)} />
      <span class="muted">–</span>
      <input type="time" data-testid=${`hours-${k}-to`} aria-label=${`${label} closes`} ...${bind(form, setForm, `${k}_to`)} />
    </div>`)}
    <p class="muted small">A closing time at or before the opening time runs past midnight, e.g. 22:00 – 06:00.</p>
  </div>`;
}

export function ShopSettings() {
  const [form, setForm] = useState(/** @type {Record<string, any>|null} */ (null));
  const [error, setError] = useState('');
  const [status, setStatus] = useStatus();
  useEffect(() => {
    api('GET', '/shop/settings').then((data) => setForm(formOf(data.settings)), (e) => setError(message(e)));
  }, []);
  if (error) return html`<p class="error-text">${error}</p>`;
  if (!form) return html`<p class="muted">Loading…</p>`;
  /** @param {Event} ev */
  const submit = async (ev) => {
    ev.preventDefault();
    setStatus('Saving…');
    try {
      const saved = (await api('PUT', '/shop/settings', payloadOf(form))).settings;
      setForm({ ...form, origins: saved.allowed_origins.join('\n') });
      setShop({ name: saved.name });
      saveProfile();
      setStatus('Saved.');
    } catch (e) {
      setStatus(message(e), true);
    }
  };
  return html`<form class="card form" data-testid="settings-form" onSubmit=${submit}>
    <h3>Shop</h3>
    <${Field} id="settings-name" label="Shop name"><input id="settings-name" type="text" data-testid="settings-name" maxlength="200"
      required ...${bind(form, setForm, 'name')} /><//>
    <${Field} id="settings-greeting" label="Greeting" hint="Shown when a shopper opens the chat."><textarea id="settings-greeting"
      data-testid="settings-greeting" rows="2" maxlength="500" ...${bind(form, setForm, 'greeting')}></textarea><//>
    <${Field} id="settings-origins" label="Allowed origins"
      hint="One per line, e.g. https://shop.example or http://localhost:* — the widget only works on these sites.">
      <textarea id="settings-origins" data-testid="settings-origins" rows="3" spellcheck="false" ...${bind(form, setForm, 'origins')}></textarea><//>
    <div class="field-row">
      <${Field} id="settings-color" label="Brand colour"><input id="settings-color" type="color" data-testid="settings-color"
        ...${bind(form, setForm, 'color')} /><//>
      <${Field} id="settings-position" label="Widget position"><select id="settings-position" data-testid="settings-position"
        value=${form.position} onChange=${(/** @type {Event} */ ev) => setForm({ ...form, position: /** @type {HTMLSelectElement} */ (ev.currentTarget).value })}>
        <option value="right">Bottom right</option><option value="left">Bottom left</option></select><//>
    </div>
    <h3>Business hours</h3>
    <label class="check"><input type="checkbox" data-testid="hours-always" ...${bind(form, setForm, 'always')} /><span>Always open</span></label>
    <${Hours} form=${form} setForm=${setForm} />
    <${Field} id="settings-offline" label="Offline message" hint="Shown outside business hours or when no agent is online.">
      <textarea id="settings-offline" data-testid="settings-offline" rows="2" maxlength="1000" ...${bind(form, setForm, 'offline')}></textarea><//>
    <div class="form-actions"><button type="submit" class="btn btn-primary" data-testid="settings-save">Save changes</button>
      <${Status} testid="settings-status" status=${status} /></div>
  </form>`;
}
