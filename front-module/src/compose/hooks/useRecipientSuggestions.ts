import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import type { Recipient } from '../compose.types';

export interface RecipientSuggestion extends Recipient {
  /** Where it came from: the CRM's people now; Microsoft's People API (relevance-ranked) when that lands. */
  source: 'crm' | 'microsoft';
}

/** A source of suggestions for what the member is typing; it must honour `signal` (the member typed on). */
export type SuggestionSource = (query: string, signal: AbortSignal) => Promise<RecipientSuggestion[]>;

const DEBOUNCE_MS = 200;
const CRM_PEOPLE_QUERY = `query MicrosoftComposeSuggestions($search: String) { people(page: 1, pageSize: 6, search: $search) { people { name { firstName lastName } emails { primaryEmail } } } }`;

/** The CRM's own people, by name or address. */
export function crmPeopleSource(host: FrontHost): SuggestionSource {
  return async (query) => {
    const data = await host.graphql<{ people: { people: Array<{ name: { firstName: string; lastName: string }; emails: { primaryEmail: string | null } }> } }>(CRM_PEOPLE_QUERY, { search: query });
    return data.people.people.flatMap((person) =>
      person.emails.primaryEmail ? [{ address: person.emails.primaryEmail, name: `${person.name.firstName} ${person.name.lastName}`.trim() || null, source: 'crm' as const }] : [],
    );
  };
}

/**
 * Suggestions for the To / Cc / Bcc field: debounced, and a query the member typed past is dropped. The People API
 * source plugs in here (merged with the CRM's people, deduplicated by address); a failing source answers nothing.
 */
export function useRecipientSuggestions(query: string, sources: SuggestionSource[]): RecipientSuggestion[] {
  const [suggestions, setSuggestions] = useState<RecipientSuggestion[]>([]);
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setSuggestions([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const answers = await Promise.all(sources.map((source) => source(text, abort.signal).catch(() => [] as RecipientSuggestion[])));
      if (abort.signal.aborted) return;
      const seen = new Set<string>();
      setSuggestions(answers.flat().filter((suggestion) => !seen.has(suggestion.address.toLowerCase()) && seen.add(suggestion.address.toLowerCase())));
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [query, sources]);
  return suggestions;
}
