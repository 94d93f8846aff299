import { Inject, Injectable } from '@nestjs/common';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { utcDateTime } from '../scheduling/schedule-information.mapper.js';

/** A booking's Outlook event, moved or cancelled by the organiser's account (Outlook tells the guest too). */
@Injectable()
export class BookingEventClient {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
  ) {}

  /** PATCH /me/events/{id} (event-update.md): new start and end, in UTC. */
  async move(workspaceId: string, connectedAccountId: string, eventId: string, start: Date, end: Date): Promise<void> {
    await this.graph(workspaceId, connectedAccountId).request((client) => client.api(`/me/events/${encodeURIComponent(eventId)}`).patch({ start: utcDateTime(start), end: utcDateTime(end) }));
  }

  /** POST /me/events/{id}/cancel (event-cancel.md): the organiser cancels, attendees get Outlook's cancellation. */
  async cancel(workspaceId: string, connectedAccountId: string, eventId: string, comment: string): Promise<void> {
    await this.graph(workspaceId, connectedAccountId).request((client) => client.api(`/me/events/${encodeURIComponent(eventId)}/cancel`).post({ comment }));
  }

  private graph(workspaceId: string, connectedAccountId: string): AccountGraphClient {
    return new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
  }
}
