import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, type WorkspaceMemberRef } from '@m365/shared-types';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../../graph/microsoft-graph.exception.js';
import { singleLine } from '../../common/control-characters.util.js';
import { UsableMicrosoftAccounts } from '../../disconnect/usable-microsoft-accounts.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { ComposeGraphFactory } from '../compose-graph.factory.js';
import { grants, ownMicrosoftAccount } from './recipient-accounts.js';

export type SuggestionSource = 'MICROSOFT' | 'CRM';

export interface RecipientSuggestion {
  address: string;
  name: string | null;
  /** Where the suggestion ranks from: Microsoft's People API (relevance), or the CRM alone. */
  source: SuggestionSource;
  /** The CRM person with this address, when there is one (the suggestion is then marked as a CRM person). */
  personId: string | null;
}

export interface RecipientSuggestions {
  suggestions: RecipientSuggestion[];
  /** Whether Microsoft's People API was asked and answered. */
  usedMicrosoftPeople: boolean;
  /** Why only the CRM's people are suggested, in plain words, or null. */
  crmOnlyReason: string | null;
}

export const MAX_SUGGESTIONS = 8;
const MAX_QUERY_LENGTH = 100;
const DEFAULT_THROTTLE_PAUSE_MS = 30_000;

/**
 * To / Cc / Bcc suggestions: with People.Read, Microsoft's relevance-ranked people merged with the CRM's
 * (deduplicated by address, CRM people marked); without it, the CRM's people only. A throttled People call
 * (429) answers the CRM's people, and People is left alone for its Retry-After.
 */
@Injectable()
export class RecipientSuggestionsService {
  private readonly logger = new PluginLogger('MicrosoftRecipientSuggestions');
  private readonly peopleResting = new Map<string, number>();

  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(UsableMicrosoftAccounts) private readonly usable: UsableMicrosoftAccounts,
    @Inject(ComposeGraphFactory) private readonly graphs: ComposeGraphFactory,
  ) {}

  /** On disconnect: what this process remembers of the account. */
  forgetAccount(connectedAccountId: string): void {
    this.peopleResting.delete(connectedAccountId);
  }

  async suggest(member: WorkspaceMemberRef, rawText: string, connectedAccountId?: string | null): Promise<RecipientSuggestions> {
    const text = singleLine(rawText).trim().slice(0, MAX_QUERY_LENGTH);
    if (text.length === 0) return { suggestions: [], usedMicrosoftPeople: false, crmOnlyReason: null };
    const account = await ownMicrosoftAccount(this.usable, member, connectedAccountId);
    const crmPeople = this.records.crmPeople().searchPeople(member.workspaceId, text, MAX_SUGGESTIONS);

    let microsoft: Array<{ address: string; name: string | null }> | null = null;
    let crmOnlyReason: string | null = null;
    if (!account) crmOnlyReason = 'No Microsoft account is connected.';
    else if (!grants(account, MicrosoftFeature.PEOPLE_SUGGESTIONS)) crmOnlyReason = 'Outlook suggestions are off: the account did not allow People.Read.';
    else if ((this.peopleResting.get(account.id) ?? 0) > Date.now()) crmOnlyReason = 'Outlook asked the CRM to slow down; suggesting CRM people meanwhile.';
    else {
      try {
        microsoft = await this.graphs.recipientInsights(account.workspaceId, account.id).searchPeople(text, MAX_SUGGESTIONS);
      } catch (error) {
        if (!(error instanceof MicrosoftGraphException)) throw error;
        if (error.kind === MicrosoftGraphErrorKind.THROTTLED) this.peopleResting.set(account.id, Date.now() + (error.retryAfterMs ?? DEFAULT_THROTTLE_PAUSE_MS));
        this.logger.warn(`People search for account ${account.id} failed (${error.kind}); suggesting CRM people only`);
        crmOnlyReason = error.kind === MicrosoftGraphErrorKind.THROTTLED ? 'Outlook asked the CRM to slow down; suggesting CRM people meanwhile.' : 'Outlook suggestions are unavailable right now.';
      }
    }

    const people = await crmPeople;
    const personByAddress = new Map<string, string>();
    for (const person of people) for (const email of person.emails) if (!personByAddress.has(email.toLowerCase())) personByAddress.set(email.toLowerCase(), person.personId);

    const seen = new Set<string>();
    const suggestions: RecipientSuggestion[] = [];
    const add = (suggestion: RecipientSuggestion) => {
      const key = suggestion.address.toLowerCase();
      if (seen.has(key) || suggestions.length >= MAX_SUGGESTIONS) return;
      seen.add(key);
      suggestions.push(suggestion);
    };
    for (const person of microsoft ?? []) add({ address: person.address, name: person.name, source: 'MICROSOFT', personId: personByAddress.get(person.address.toLowerCase()) ?? null });
    for (const person of people) {
      if (person.emails.some((email) => seen.has(email.toLowerCase()))) continue;
      const matching = person.emails.find((email) => email.toLowerCase().includes(text.toLowerCase())) ?? person.emails[0]!;
      add({ address: matching, name: person.name || null, source: 'CRM', personId: person.personId });
    }
    return { suggestions, usedMicrosoftPeople: microsoft !== null, crmOnlyReason };
  }
}
