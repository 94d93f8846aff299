import type { BookingAccount } from './booking-pages.types';

/** Accounts that can hold a new booking page: those that granted the calendar and are not being disconnected. */
export const canHostBookingPages = (account: BookingAccount) => !account.disconnecting && account.features.some((feature) => feature.feature === 'CALENDAR' && feature.granted);

/** Why a new page on this account would send no confirmation emails; null when it can send them. */
export function confirmationsMissingReason(account: BookingAccount): string | null {
  const send = account.features.find((feature) => feature.feature === 'MAIL_SEND');
  if (send?.granted) return null;
  const scopes = send?.missingScopes.length ? send.missingScopes.join(', ') : 'Mail.Send';
  return `Confirmation emails will not be sent: the account has not granted ${scopes}. Enable sending mail in Settings → Accounts.`;
}

export const accountCalendars = (account: BookingAccount | undefined) => account?.calendarChannel?.calendars ?? [];
