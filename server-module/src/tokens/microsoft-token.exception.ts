/** The account's grant is gone (revoked, expired, password changed): only the user can fix it by reconnecting. */
export class MicrosoftAccountNeedsReconnectException extends Error {
  constructor(readonly connectedAccountId: string, reason: string) {
    super(`Microsoft account ${connectedAccountId} needs to be reconnected: ${reason}`);
  }
}
