import { Inject, Injectable } from '@nestjs/common';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import type { ComposeGraphPort } from './compose-graph.port.js';
import { GraphComposeClient } from './graph-compose.client.js';
import { RecipientInsightsGraphClient } from './recipients/recipient-insights-graph.client.js';

/** Compose's Graph calls for one connected account (its token and its mailbox gate). */
@Injectable()
export class ComposeGraphFactory {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
  ) {}

  forAccount(workspaceId: string, connectedAccountId: string): ComposeGraphPort {
    return new GraphComposeClient(new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId), this.transport);
  }

  /** People and mail tips, through the same token and mailbox gate (Outlook counts People with mail). */
  recipientInsights(workspaceId: string, connectedAccountId: string): RecipientInsightsGraphClient {
    return new RecipientInsightsGraphClient(new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId));
  }
}
