import { Inject, Injectable } from '@nestjs/common';
import { RecipientSuggestionsService } from '../../compose/recipients/recipient-suggestions.service.js';
import { MicrosoftTokenService } from '../../tokens/microsoft-token.service.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/**
 * What this process keeps of the account in memory: its access token, People's throttle pause. (The webhook's
 * subscription registry is forgotten subscription by subscription; other processes' entries lead to rows that are
 * gone and expire within minutes.) Message bodies and mail tips are not kept in memory: they are rows, purged by
 * their steps.
 */
@Injectable()
export class MemoryCachesPurgeStep implements AccountPurgeStep {
  readonly name = 'memory-caches';

  constructor(
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(RecipientSuggestionsService) private readonly suggestions: RecipientSuggestionsService,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    this.tokens.forget(purge.connectedAccountId);
    this.suggestions.forgetAccount(purge.connectedAccountId);
  }
}
