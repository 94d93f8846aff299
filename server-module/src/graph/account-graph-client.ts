import type { Client } from '@microsoft/microsoft-graph-client';
import type { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import type { GraphClientFactory } from './graph-client.factory.js';
import { classifyGraphError } from './graph-error.classifier.js';
import { MicrosoftGraphErrorKind } from './microsoft-graph.exception.js';

const TOKEN_REUSE_MS = 4 * 60 * 1000;

/**
 * Graph as one connected account: its token (kept in memory for a few minutes), its mailbox gate, and the rule
 * that a 401 refreshes the token and retries once. Every failure leaves here classified.
 */
export class AccountGraphClient {
  private token?: { value: string; fetchedAt: number };
  private readonly client: Client;

  constructor(
    factory: GraphClientFactory,
    private readonly tokens: MicrosoftTokenService,
    readonly workspaceId: string,
    readonly connectedAccountId: string,
  ) {
    this.client = factory.create(() => this.accessToken(false), connectedAccountId);
  }

  async request<T>(run: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await run(this.client);
    } catch (error) {
      const classified = classifyGraphError(error);
      if (classified.kind !== MicrosoftGraphErrorKind.UNAUTHENTICATED || classified.graphCode === 'NeedsReconnect') throw classified;
      try {
        await this.accessToken(true);
        return await run(this.client);
      } catch (retryError) {
        throw classifyGraphError(retryError);
      }
    }
  }

  private async accessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.token && Date.now() - this.token.fetchedAt < TOKEN_REUSE_MS) return this.token.value;
    const value = await this.tokens.getAccessToken(this.workspaceId, this.connectedAccountId, { forceRefresh });
    this.token = { value, fetchedAt: Date.now() };
    return value;
  }
}
