import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { AccountGraphClient } from '../../graph/account-graph-client.js';

export interface GraphPersonSuggestion {
  address: string;
  name: string | null;
  /** Outlook's `personType.subclass`, e.g. OrganizationUser: a Microsoft 365 user of the tenant. */
  subclass: string | null;
}

export interface GraphAutomaticReply {
  address: string;
  /** '' when the recipient has no automatic reply on. */
  message: string;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  /** The tip's own error (`ErrorInvalidSmtpAddress`…): no badge, nothing cached as "in office". */
  error: string | null;
}

interface GraphPerson {
  displayName?: string | null;
  scoredEmailAddresses?: Array<{ address?: string | null }> | null;
  personType?: { subclass?: string | null } | null;
}

interface GraphMailTip {
  emailAddress?: { address?: string | null } | null;
  automaticReplies?: { message?: string | null; scheduledStartTime?: { dateTime?: string; timeZone?: string } | null; scheduledEndTime?: { dateTime?: string; timeZone?: string } | null } | null;
  error?: { code?: string | null } | null;
}

// A suggestion must answer now: a 429 falls back to the CRM's people instead of waiting out Retry-After.
const NO_RETRY = [new RetryHandlerOptions(0, 0)];

/** dateTimeTimeZone as mail tips give it (UTC, no offset, seven fractional digits). */
function utcDate(value: { dateTime?: string; timeZone?: string } | null | undefined): Date | null {
  if (!value?.dateTime) return null;
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime.replace(/(\.\d{3})\d+$/, '$1')}Z`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** People and mail tips of one account, on Graph v1.0. */
export class RecipientInsightsGraphClient {
  constructor(private readonly graph: AccountGraphClient) {}

  async searchPeople(text: string, top: number): Promise<GraphPersonSuggestion[]> {
    // GET /me/people?$search= is relevance-ranked from the user's mail: https://learn.microsoft.com/graph/api/user-list-people
    const page = (await this.graph.request((client) =>
      client.api('/me/people').middlewareOptions(NO_RETRY).search(`"${text.replace(/"/g, '')}"`).top(top).select('displayName,scoredEmailAddresses,personType').get(),
    )) as { value?: GraphPerson[] };
    return (page.value ?? []).flatMap((person) => {
      const address = person.scoredEmailAddresses?.find((scored) => scored.address)?.address;
      return address ? [{ address, name: person.displayName || null, subclass: person.personType?.subclass ?? null }] : [];
    });
  }

  async automaticReplies(addresses: string[]): Promise<GraphAutomaticReply[]> {
    // POST /me/getMailTips with automaticReplies: https://learn.microsoft.com/graph/api/user-getmailtips
    const answer = (await this.graph.request((client) =>
      client.api('/me/getMailTips').post({ EmailAddresses: addresses, MailTipsOptions: 'automaticReplies' }),
    )) as { value?: GraphMailTip[] };
    return (answer.value ?? []).map((tip, index) => ({
      address: tip.emailAddress?.address ?? addresses[index]!,
      message: tip.automaticReplies?.message ?? '',
      scheduledStart: utcDate(tip.automaticReplies?.scheduledStartTime),
      scheduledEnd: utcDate(tip.automaticReplies?.scheduledEndTime),
      error: tip.error?.code ?? null,
    }));
  }
}
