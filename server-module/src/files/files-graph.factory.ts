import { Inject, Injectable } from '@nestjs/common';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { GraphDriveClient } from './graph-drive.client.js';

/** OneDrive and SharePoint calls for one connected account (its token and its gate). */
@Injectable()
export class FilesGraphFactory {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
  ) {}

  forAccount(workspaceId: string, connectedAccountId: string): GraphDriveClient {
    return new GraphDriveClient(this.accountClient(workspaceId, connectedAccountId), this.transport);
  }

  /** The account's Graph client itself, for `$batch`. */
  accountClient(workspaceId: string, connectedAccountId: string): AccountGraphClient {
    return new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
  }
}
