/** The account's grant is gone (revoked, expired, password changed): only the user can fix it by reconnecting. */
export class MicrosoftAccountNeedsReconnectException extends Error {
  /** Survives the Graph SDK, which rethrows a failed token lookup as a GraphError whose `code` is the error's name. */
  static readonly NAME = 'MicrosoftAccountNeedsReconnectException';

  constructor(readonly connectedAccountId: string, reason: string) {
    super(`Microsoft account ${connectedAccountId} needs to be reconnected: ${reason}`);
    this.name = MicrosoftAccountNeedsReconnectException.NAME;
  }
}
