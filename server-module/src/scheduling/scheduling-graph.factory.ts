import { Inject, Injectable } from '@nestjs/common';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SchedulingGraphClient } from './scheduling-graph.client.js';

/** Scheduling's Graph calls for one connected account, through its token and the mailbox gate every call shares. */
@Injectable()
export class SchedulingGraphFactory {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
  ) {}

  forAccount(workspaceId: string, connectedAccountId: string): SchedulingGraphClient {
    return new SchedulingGraphClient(new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId));
  }
}
