/** The public page's stylesheet and script, served as files so that the page's CSP allows no inline code. */
export const BOOKING_PAGE_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:1.5rem;margin:.5rem 0}.muted{color:#59636e}.card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:16px;margin:12px 0}
label{display:block;margin:.5rem 0 .25rem;font-weight:600}input,select,textarea,button{font:inherit;width:100%;padding:.55rem;border:1px solid #c9d1d9;border-radius:6px;background:#fff}
textarea{min-height:5rem}button{background:#0f6cbd;color:#fff;border:0;cursor:pointer;font-weight:600;margin-top:.75rem}button[disabled]{opacity:.6}
.days{display:grid;gap:8px}.day h3{font-size:1rem;margin:.25rem 0}.slots{display:flex;flex-wrap:wrap;gap:6px}
.slots button{width:auto;margin:0;background:#fff;color:#0f6cbd;border:1px solid #0f6cbd;padding:.4rem .7rem}.slots button[aria-pressed=true]{background:#0f6cbd;color:#fff}
a{overflow-wrap:anywhere}.nav{display:flex;gap:8px}.nav button{width:auto;background:#eef1f4;color:#1f2328}.error{color:#b3261e}.ok{color:#1a7f37}[hidden]{display:none!important}
`;

export const BOOKING_PAGE_JS = `(() => {
  const root = document.querySelector('main');
  const slug = root.dataset.slug;
  const base = '/book/' + encodeURIComponent(slug);
  const zoneSelect = document.getElementById('zone');
  const durationSelect = document.getElementById('duration');
  const daysBox = document.getElementById('days');
  const status = document.getElementById('status');
  const form = document.getElementById('form');
  const chosenText = document.getElementById('chosen');
  const result = document.getElementById('result');
  let from = null, chosen = null, nextFrom = null, previousFrom = null;
  const key = () => { const bytes = new Uint8Array(16); crypto.getRandomValues(bytes); return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''); };
  let submissionKey = key();
  const detected = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : []).concat([detected, 'UTC']);
  [...new Set(zones)].sort().forEach((zone) => { const option = document.createElement('option'); option.value = zone; option.textContent = zone.replace(/_/g, ' '); zoneSelect.appendChild(option); });
  zoneSelect.value = detected;
  const text = (el, value) => { el.textContent = value; return el; };
  async function load() {
    text(status, 'Loading free times…'); status.className = 'muted';
    const params = new URLSearchParams({ duration: durationSelect.value, timeZone: zoneSelect.value });
    if (from) params.set('from', from);
    const response = await fetch(base + '/slots?' + params.toString(), { headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { text(status, body.message || 'Free times could not be loaded.'); status.className = 'error'; return; }
    render(body);
  }
  function render(body) {
    daysBox.replaceChildren(); from = body.from; nextFrom = body.nextFrom; previousFrom = body.previousFrom;
    document.getElementById('prev').disabled = !previousFrom; document.getElementById('next').disabled = !nextFrom;
    const withSlots = body.days.filter((day) => day.slots.length);
    text(status, withSlots.length ? 'Times are shown in ' + body.timeZone.replace(/_/g, ' ') + '.' : 'No free times this week.'); status.className = 'muted';
    for (const day of withSlots) {
      const box = document.createElement('section'); box.className = 'day';
      box.appendChild(text(document.createElement('h3'), day.label));
      const list = document.createElement('div'); list.className = 'slots';
      for (const slot of day.slots) {
        const button = text(document.createElement('button'), slot.label); button.type = 'button'; button.dataset.start = slot.start; button.setAttribute('aria-pressed', String(chosen === slot.start));
        button.addEventListener('click', () => choose(slot, day));
        list.appendChild(button);
      }
      box.appendChild(list); daysBox.appendChild(box);
    }
  }
  function choose(slot, day) {
    chosen = slot.start;
    daysBox.querySelectorAll('.slots button').forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.start === chosen)));
    text(chosenText, day.label + ', ' + slot.label + ' (' + zoneSelect.value.replace(/_/g, ' ') + ')'); form.hidden = false;
  }
  zoneSelect.addEventListener('change', () => { chosen = null; form.hidden = true; load(); });
  durationSelect.addEventListener('change', () => { chosen = null; form.hidden = true; load(); });
  document.getElementById('prev').addEventListener('click', () => { from = previousFrom; load(); });
  document.getElementById('next').addEventListener('click', () => { from = nextFrom; load(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]'); submit.disabled = true;
    const data = new FormData(form);
    const payload = { name: data.get('name'), email: data.get('email'), note: data.get('note'), start: chosen, duration: Number(durationSelect.value), timeZone: zoneSelect.value, submissionKey };
    const response = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(payload) });
    const body = await response.json().catch(() => ({}));
    submit.disabled = false;
    const error = document.getElementById('form-error');
    if (response.ok) {
      form.hidden = true; daysBox.hidden = true; document.getElementById('picker').hidden = true; result.hidden = false;
      text(document.getElementById('result-when'), body.when);
      const join = document.getElementById('result-join');
      if (body.joinUrl) { join.hidden = false; join.href = body.joinUrl; text(join, 'Join the Microsoft Teams meeting'); }
      text(document.getElementById('result-location'), body.joinUrl ? '' : (body.location || ''));
      text(document.getElementById('result-notice'), body.notice || (body.confirmationSent ? 'A confirmation is on its way to ' + payload.email + '.' : ''));
      return;
    }
    text(error, body.message || 'The booking did not go through.');
    if (body.code === 'SLOT_TAKEN') { submissionKey = key(); chosen = null; form.hidden = true; load(); }
  });
  load();
})();
`;
