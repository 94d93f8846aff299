import type { BookingPageRecord } from '../booking-page.record.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The public page: only what the member chose to publish (title, description, lengths, where), a time picker the
 * script fills from `/slots`, and the guest's form. No member name, address or calendar detail.
 */
export function bookingPageHtml(page: BookingPageRecord, location: string | null): string {
  const durations = page.durationsMinutes.map((minutes) => `<option value="${minutes}">${minutes} minutes</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="/book/static/booking-page.css"><script src="/book/static/booking-page.js" defer></script></head>
<body><main data-slug="${escapeHtml(page.slug)}">
<h1>${escapeHtml(page.title)}</h1>
${page.description ? `<p class="muted">${escapeHtml(page.description)}</p>` : ''}
${location ? `<p id="location">${escapeHtml(location)}</p>` : ''}
<div class="card" id="picker">
<label for="duration">Length</label><select id="duration" name="duration">${durations}</select>
<label for="zone">Your time zone</label><select id="zone" name="timeZone"></select>
<p id="status" class="muted" role="status">Free times appear here.</p>
<noscript><p class="error">This page needs JavaScript to list free times.</p></noscript>
<div class="nav"><button type="button" id="prev" disabled>Earlier</button><button type="button" id="next" disabled>Later</button></div>
</div>
<div class="days" id="days"></div>
<form class="card" id="form" hidden>
<p>Booking <strong id="chosen"></strong></p>
<label for="name">Your name</label><input id="name" name="name" required maxlength="100" autocomplete="name">
<label for="email">Your email</label><input id="email" name="email" type="email" required maxlength="254" autocomplete="email">
<label for="note">A note (optional)</label><textarea id="note" name="note" maxlength="1000"></textarea>
<p id="form-error" class="error" role="alert"></p>
<button type="submit">Book</button>
</form>
<div class="card" id="result" hidden>
<p class="ok"><strong>Booked.</strong></p><p id="result-when"></p>
<p><a id="result-join" hidden rel="noopener"></a></p><p id="result-location"></p><p id="result-notice" class="muted"></p>
</div>
</main></body></html>`;
}
