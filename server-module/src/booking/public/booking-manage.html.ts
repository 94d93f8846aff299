import { DateTime } from 'luxon';
import { guestWhen } from '../booking-confirmation.mailer.js';
import type { BookingAnswer } from '../booking.service.js';
import { RESCHEDULE_DAYS, type ManagedBooking } from '../booking-manage.service.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/book/static/booking-page.css"></head>
<body><main>${body}</main></body></html>`;
}

/** A cancel link's page (a form: no script needed) or a reschedule link's, its free times as buttons. */
export function manageHtml(managed: ManagedBooking, action: string, slots: Date[], from: Date): string {
  const { page, booking } = managed;
  const zone = booking.guestTimeZone;
  const when = guestWhen(new Date(booking.start), new Date(booking.end), zone);
  const head = `<h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(when)}</p>`;
  if (managed.purpose === 'cancel') {
    return shell(`Cancel: ${page.title}`, `${head}<form class="card" method="post" action="${escapeHtml(action)}"><input type="hidden" name="action" value="cancel"><button type="submit">Cancel the meeting</button></form>`);
  }
  const byDay = new Map<string, Date[]>();
  for (const slot of slots) {
    const label = DateTime.fromJSDate(slot, { zone }).setLocale('en-GB').toFormat('cccc d LLLL');
    byDay.set(label, [...(byDay.get(label) ?? []), slot]);
  }
  const days = [...byDay].map(([label, starts]) => `<section class="day"><h3>${escapeHtml(label)}</h3><div class="slots">${starts
    .map((start) => `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="action" value="reschedule"><input type="hidden" name="start" value="${start.toISOString()}"><button type="submit">${DateTime.fromJSDate(start, { zone }).toFormat('HH:mm')}</button></form>`)
    .join('')}</div></section>`);
  const later = DateTime.fromJSDate(from, { zone }).plus({ days: RESCHEDULE_DAYS }).toISODate();
  const next = `<p><a href="${escapeHtml(action)}?from=${later}">Later dates</a></p>`;
  return shell(`Move: ${page.title}`, `${head}<p class="muted">Pick another time (${escapeHtml(zone)}):</p><div class="days">${days.join('') || '<p>No free times in these two weeks.</p>'}</div>${next}`);
}

export function manageResultHtml(answer: BookingAnswer): string {
  const done = answer.status === 'CANCELLED' ? 'Cancelled.' : 'Moved.';
  return shell(done, `<div class="card"><p class="ok"><strong>${done}</strong></p><p>${escapeHtml(answer.when)}</p>${answer.notice ? `<p class="muted">${escapeHtml(answer.notice)}</p>` : ''}</div>`);
}

export function messageHtml(message: string): string {
  return shell('Booking', `<div class="card"><p>${escapeHtml(message)}</p></div>`);
}
