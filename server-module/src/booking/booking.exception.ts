/** Why a booking request was refused; the GraphQL answer's `extensions.code` and the public routes' `code`. */
export enum BookingErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** The slot was taken (by another guest, or in Outlook) since the page was loaded. */
  SLOT_TAKEN = 'SLOT_TAKEN',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The manage link's meeting is over, or the booking is already cancelled. */
  GONE = 'GONE',
  UNAVAILABLE = 'UNAVAILABLE',
}

export class BookingException extends Error {
  constructor(
    readonly code: BookingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badInput = (message: string) => new BookingException(BookingErrorCode.BAD_USER_INPUT, message);
export const notFound = (message = 'No such booking page among yours.') => new BookingException(BookingErrorCode.NOT_FOUND, message);
