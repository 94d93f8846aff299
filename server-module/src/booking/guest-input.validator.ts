import { isValidAddress } from '../compose/compose-address.validator.js';
import { badInput } from './booking.exception.js';
import { isZoneName } from './time-zone-name.util.js';

export interface GuestSubmission {
  name: string;
  email: string;
  note: string | null;
  start: Date;
  durationMinutes: number;
  timeZone: string;
  submissionKey: string;
}

const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** A guest's form, checked field by field; a refusal says which field, in plain words. */
export function checkedSubmission(body: Record<string, unknown>, durations: number[]): GuestSubmission {
  const name = text(body.name);
  if (!name || name.length > 100 || CONTROL.test(name)) throw badInput('Name: 1 to 100 characters on one line.');
  const email = text(body.email).toLowerCase();
  if (email.length > 254 || !isValidAddress(email)) throw badInput('Email: that is not an email address.');
  const note = text(body.note) || null;
  if (note && (note.length > 1_000 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(note))) throw badInput('Note: at most 1,000 characters.');
  const startText = text(body.start);
  if (!ISO_UTC.test(startText) || Number.isNaN(Date.parse(startText))) throw badInput('Start: pick one of the times offered.');
  const durationMinutes = Number(body.duration);
  if (!durations.includes(durationMinutes)) throw badInput(`Duration: one of ${durations.join(', ')} minutes.`);
  const timeZone = text(body.timeZone);
  if (!isZoneName(timeZone)) throw badInput('Time zone: not a time zone name (e.g. Europe/Paris).');
  const submissionKey = text(body.submissionKey);
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(submissionKey)) throw badInput('The form is missing its submission key: reload the page.');
  return { name, email, note, start: new Date(startText), durationMinutes, timeZone, submissionKey };
}
