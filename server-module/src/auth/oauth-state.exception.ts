export enum OAuthStateErrorCode {
  MISSING = 'MISSING',
  MALFORMED = 'MALFORMED',
  FORGED = 'FORGED',
  EXPIRED = 'EXPIRED',
  REPLAYED = 'REPLAYED',
  OTHER_BROWSER = 'OTHER_BROWSER',
  OTHER_MEMBER = 'OTHER_MEMBER',
  WRONG_PURPOSE = 'WRONG_PURPOSE',
}

const MESSAGES: Record<OAuthStateErrorCode, string> = {
  [OAuthStateErrorCode.MISSING]: 'The sign-in response carries no state. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.MALFORMED]: 'The sign-in state is not one this server issued. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.FORGED]: 'The sign-in state failed its signature check. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.EXPIRED]: 'The sign-in took too long and its state expired. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.REPLAYED]: 'This sign-in response was already used. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.OTHER_BROWSER]: 'This sign-in was started in another browser session. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.OTHER_MEMBER]: 'This sign-in was started by another CRM member. Start again from Settings → Accounts.',
  [OAuthStateErrorCode.WRONG_PURPOSE]: 'This sign-in state was issued for another step. Start again from Settings → Accounts.',
};

/** A callback whose state cannot be trusted: answered 400, nothing created. */
export class OAuthStateException extends Error {
  constructor(readonly code: OAuthStateErrorCode) {
    super(MESSAGES[code]);
  }
}
