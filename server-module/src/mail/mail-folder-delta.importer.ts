import type { MessageFolderRecord, MessageImportRecordsPort } from '@m365/shared-types';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { MESSAGE_SELECT, toImportedMessage, type GraphMessage } from './graph-message.mapper.js';

interface DeltaPage {
  value: GraphMessage[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface FolderImportContext {
  graph: AccountGraphClient;
  records: MessageImportRecordsPort;
  workspaceId: string;
  messageChannelId: string;
  ownHandles: Set<string>;
  pageSize: number;
  onPage: (result: { created: number; detached: number }) => Promise<void>;
  /** Called when a folder's messages were all detached to be walked again (a 410). */
  onRestart: () => void;
}

export function initialDeltaLink(folderExternalId: string): string {
  return `/me/mailFolders/${encodeURIComponent(folderExternalId)}/messages/delta?$select=${MESSAGE_SELECT}`;
}

/**
 * Walks one folder's delta from its cursor to a fresh deltaLink, writing each page with its next cursor in one
 * transaction. A crash resumes after the last written page. A 410 (delta state gone) restarts the folder once:
 * its messages are detached, the walk re-attaches those still there, and the end of the pass drops the rest.
 */
export async function importFolderDelta(context: FolderImportContext, folder: MessageFolderRecord): Promise<void> {
  let link = folder.syncCursor ?? initialDeltaLink(folder.externalId);
  let restarted = false;
  for (;;) {
    let page: DeltaPage;
    try {
      page = await context.graph.request((client) =>
        client
          .api(link)
          // Immutable ids keep a message's id when it moves between folders; text bodies spare the HTML.
          .header('Prefer', `odata.maxpagesize=${context.pageSize}, outlook.body-content-type="text", IdType="ImmutableId"`)
          .get(),
      );
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.SYNC_STATE_GONE && !restarted) {
        restarted = true;
        await context.records.restartFolder(context.workspaceId, folder.id);
        context.onRestart();
        link = initialDeltaLink(folder.externalId);
        continue;
      }
      throw error;
    }
    const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
    if (!next) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'Delta page without nextLink or deltaLink', 200, null);
    const removed = page.value.filter((item) => item['@removed']).map((item) => item.id);
    const messages = page.value.filter((item) => !item['@removed'] && !item.isDraft).map((item) => toImportedMessage(item, context.ownHandles));
    const result = await context.records.saveMessagesPage({
      workspaceId: context.workspaceId,
      messageChannelId: context.messageChannelId,
      messageFolderId: folder.id,
      messages,
      removedExternalIds: removed,
      nextCursor: next,
    });
    await context.onPage(result);
    if (!page['@odata.nextLink']) return;
    link = next;
  }
}
