import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { SecretKind, type SecretVaultService } from '../vault/secret-vault.service.js';

/**
 * MSAL keeps refresh tokens in its cache, never in its results; this plugin keeps one account's cache sealed in the
 * vault, loading it before MSAL reads and saving it when MSAL changed it (a refresh rotates the refresh token).
 */
export class VaultTokenCachePlugin implements ICachePlugin {
  changed = false;

  constructor(
    private readonly vault: SecretVaultService,
    private readonly workspaceId: string,
    private readonly connectedAccountId: string,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const serialized = await this.vault.get(SecretKind.MSAL_TOKEN_CACHE, this.connectedAccountId);
    if (serialized) context.tokenCache.deserialize(serialized);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    this.changed = true;
    await this.vault.put(SecretKind.MSAL_TOKEN_CACHE, this.connectedAccountId, this.workspaceId, context.tokenCache.serialize());
  }
}
