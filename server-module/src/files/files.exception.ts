export enum FilesErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_GRANTED = 'NOT_GRANTED',
  NAME_TAKEN = 'NAME_TAKEN',
  UPLOAD_FAILED = 'UPLOAD_FAILED',
  PERSONAL_ACCOUNT = 'PERSONAL_ACCOUNT',
}

/** A files request refused in plain words; the resolver and the upload route give the code to the front. */
export class FilesException extends Error {
  constructor(
    readonly code: FilesErrorCode,
    message: string,
  ) {
    super(message);
  }
}
