/** Why a compose request was refused, in words for the member; `code` is what the front switches on. */
export enum ComposeErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_ADDRESS = 'INVALID_ADDRESS',
  INVALID_INPUT = 'INVALID_INPUT',
  SEND_NOT_GRANTED = 'SEND_NOT_GRANTED',
  MAIL_WRITE_NOT_GRANTED = 'MAIL_WRITE_NOT_GRANTED',
  NEEDS_RECONNECT = 'NEEDS_RECONNECT',
  DRAFT_CONFLICT = 'DRAFT_CONFLICT',
  NOT_EDITABLE = 'NOT_EDITABLE',
  ATTACHMENT_TOO_LARGE = 'ATTACHMENT_TOO_LARGE',
  MESSAGE_TOO_LARGE = 'MESSAGE_TOO_LARGE',
  ATTACHMENTS_PENDING = 'ATTACHMENTS_PENDING',
  DAILY_LIMIT = 'DAILY_LIMIT',
  DRAFT_GONE = 'DRAFT_GONE',
  TEMPORARY = 'TEMPORARY',
}

export class ComposeException extends Error {
  constructor(
    readonly code: ComposeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
