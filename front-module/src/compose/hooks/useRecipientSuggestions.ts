import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { RECIPIENT_SUGGESTIONS_QUERY } from '../compose.documents';
import type { Recipient } from '../compose.types';

export interface RecipientSuggestion extends Recipient {
  /** MICROSOFT: ranked by Microsoft's People API; CRM: from the CRM's people only. */
  source: 'MICROSOFT' | 'CRM';
  /** The CRM person with this address: the suggestion is marked as a CRM person. */
  personId: string | null;
}

export interface RecipientSuggestions {
  suggestions: RecipientSuggestion[];
  /** Why only CRM people are suggested (no People.Read, Outlook throttling), or null. */
  crmOnlyReason: string | null;
}

const DEBOUNCE_MS = 200;
const NONE: RecipientSuggestions = { suggestions: [], crmOnlyReason: null };

/**
 * Suggestions for the To / Cc / Bcc field from the plugin (Outlook's People merged with CRM people on the server):
 * debounced, and the request for text the member typed past is aborted. A failed request suggests nothing.
 */
export function useRecipientSuggestions(host: FrontHost, query: string, connectedAccountId?: string | null): RecipientSuggestions {
  const [answer, setAnswer] = useState<RecipientSuggestions>(NONE);
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setAnswer(NONE);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const data = await host.graphql<{ microsoftRecipientSuggestions: RecipientSuggestions }>(
          RECIPIENT_SUGGESTIONS_QUERY,
          { search: text, connectedAccountId: connectedAccountId ?? null },
          { signal: abort.signal },
        );
        if (!abort.signal.aborted) setAnswer(data.microsoftRecipientSuggestions);
      } catch {
        if (!abort.signal.aborted) setAnswer(NONE);
      }
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [host, query, connectedAccountId]);
  return answer;
}
