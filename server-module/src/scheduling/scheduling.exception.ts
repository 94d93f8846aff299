/** Why a scheduling request was refused, in words for the member; `code` is what the front switches on. */
export enum SchedulingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  TEAMS_UNAVAILABLE = 'TEAMS_UNAVAILABLE',
}

export class SchedulingException extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
