import type { Client } from '@microsoft/microsoft-graph-client';
import type { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import type { GraphClientFactory } from './graph-client.factory.js';
import { classifyGraphError } from './graph-error.classifier.js';
import { MicrosoftGraphErrorKind } from './microsoft-graph.exception.js';
import type { MailboxKey } from './mailbox-gate/mailbox-gate.js';

/**
 * Graph as one connected account: its token, its mailbox gate, and the rule that a 401 refreshes the token and
 * retries once. Every failure leaves here classified.
 */
export class AccountGraphClient {
  private readonly client: Client;
  private readonly mailbox: MailboxKey;

  constructor(
    private readonly factory: GraphClientFactory,
    private readonly tokens: MicrosoftTokenService,
    readonly workspaceId: string,
    readonly connectedAccountId: string,
    /**
     * False where the caller holds the host's only database connection (a write under the import's event lock on a
     * one-connection embedded host): a rejected token, or none at hand, is then thrown, for the caller to refresh
     * outside.
     */
    private readonly refreshOnRejection = true,
  ) {
    this.mailbox = { tenantId: workspaceId, mailboxId: connectedAccountId };
    // Holding the only connection, it must not wait on a refresh either: one in flight needs that connection.
    const options = refreshOnRejection ? {} : { cachedOnly: true };
    this.client = factory.create(() => this.tokens.getAccessToken(workspaceId, connectedAccountId, options), this.mailbox);
  }

  /** A `$batch` item came back 429: the whole mailbox waits out its Retry-After, in every process. */
  async pauseMailbox(retryAfterMs: number): Promise<void> {
    await this.factory.gate.pauseFor(this.mailbox, retryAfterMs);
  }

  /**
   * A permission withdrawn at Microsoft shows first as a 403 on a token issued before: a new token carries what the
   * grant holds now, and the token service records it on the account, so the features that need it stop.
   */
  private async refreshGrant(rejectedToken: string | undefined): Promise<void> {
    await this.tokens.getAccessToken(this.workspaceId, this.connectedAccountId, { forceRefresh: true, rejectedToken }).catch(() => undefined);
  }

  async request<T>(run: (client: Client) => Promise<T>): Promise<T> {
    const tokenBefore = this.tokens.peek(this.connectedAccountId);
    try {
      return await run(this.client);
    } catch (error) {
      const classified = classifyGraphError(error);
      if (!this.refreshOnRejection) throw classified;
      if (classified.kind === MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS) await this.refreshGrant(tokenBefore);
      if (classified.kind !== MicrosoftGraphErrorKind.UNAUTHENTICATED || classified.graphCode === 'NeedsReconnect') throw classified;
      try {
        await this.tokens.getAccessToken(this.workspaceId, this.connectedAccountId, { forceRefresh: true, rejectedToken: tokenBefore });
        return await run(this.client);
      } catch (retryError) {
        throw classifyGraphError(retryError);
      }
    }
  }
}
