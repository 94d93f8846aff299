import type { MessageFolderRecord, MessageImportRecordsPort } from '@m365/shared-types';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { runBatch } from '../graph/graph-batch.runner.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
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
  /**
   * Cursors past pages that brought nothing, by folder id, saved together when the pass ends; a page with content
   * saves its own cursor and drops the folder's entry here.
   */
  emptyPageCursors: Map<string, string>;
  onPage: (result: { created: number; updated?: number; detached: number }) => Promise<void>;
  /** Called when a folder's messages were all detached to be walked again (a 410). */
  onRestart: () => void;
  /** Read states the page carried (compose's mark read/unread recognises its own echoes there). */
  onReadStates?: (states: Array<{ externalId: string; isRead: boolean; changeKey: string | null }>) => Promise<void>;
}

export function initialDeltaLink(folderExternalId: string): string {
  return `/me/mailFolders/${encodeURIComponent(folderExternalId)}/messages/delta?$select=${MESSAGE_SELECT}`;
}

/** Immutable ids keep a message's id when it moves between folders; text bodies spare the HTML. */
const deltaPreferHeader = (pageSize: number) => `odata.maxpagesize=${pageSize}, outlook.body-content-type="text", IdType="ImmutableId"`;

/** A delta link as a `$batch` item wants it: relative to the Graph version root (`/me/...`). */
function relativeToGraphVersion(link: string): string {
  if (!/^https?:/i.test(link)) return link;
  const url = new URL(link);
  return `${url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/i, '')}${url.search}`;
}

export type PrefetchedDeltaPage = DeltaPage | MicrosoftGraphException;

/**
 * The next delta page of each folder, all in one `$batch` (quick passes, where most pages come back empty): one
 * request instead of one per folder. Each folder gets its page, or the error its own request would have raised.
 */
export async function prefetchDeltaPages(graph: AccountGraphClient, folders: MessageFolderRecord[], pageSize: number): Promise<Map<string, PrefetchedDeltaPage>> {
  const results = await runBatch(
    graph,
    folders.map((folder) => ({ id: folder.id, url: relativeToGraphVersion(folder.syncCursor ?? initialDeltaLink(folder.externalId)), headers: { Prefer: deltaPreferHeader(pageSize) } })),
  );
  const pages = new Map<string, PrefetchedDeltaPage>();
  for (const folder of folders) {
    const result = results.get(folder.id);
    pages.set(
      folder.id,
      result?.status === 200
        ? (result.body as DeltaPage)
        : classifyGraphError({ status: result?.status ?? null, body: result?.body, headers: result?.headers, message: `delta of folder ${folder.externalId} in $batch` }),
    );
  }
  return pages;
}

/**
 * Walks one folder's delta from its cursor to a fresh deltaLink, writing each page with its next cursor in one
 * transaction. A crash resumes after the last written page. A 410 (delta state gone) restarts the folder once:
 * its messages are detached, the walk re-attaches those still there, and the end of the pass drops the rest.
 */
export async function importFolderDelta(context: FolderImportContext, folder: MessageFolderRecord, prefetched?: PrefetchedDeltaPage): Promise<void> {
  let link = folder.syncCursor ?? initialDeltaLink(folder.externalId);
  let restarted = false;
  let first = prefetched;
  for (;;) {
    let page: DeltaPage;
    try {
      if (first !== undefined) {
        const answer = first;
        first = undefined;
        if (answer instanceof MicrosoftGraphException) throw answer;
        page = answer;
      } else {
        page = await context.graph.request((client) => client.api(link).header('Prefer', deltaPreferHeader(context.pageSize)).get());
      }
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.SYNC_STATE_GONE && !restarted) {
        restarted = true;
        await context.records.restartFolder(context.workspaceId, folder.id);
        context.emptyPageCursors.delete(folder.id);
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
    if (messages.length === 0 && removed.length === 0) {
      context.emptyPageCursors.set(folder.id, next);
      await context.onPage({ created: 0, detached: 0 });
      if (!page['@odata.nextLink']) return;
      link = next;
      continue;
    }
    context.emptyPageCursors.delete(folder.id);
    const result = await context.records.saveMessagesPage({
      workspaceId: context.workspaceId,
      messageChannelId: context.messageChannelId,
      messageFolderId: folder.id,
      messages,
      removedExternalIds: removed,
      nextCursor: next,
    });
    const readStates = page.value.filter((item) => !item['@removed'] && !item.isDraft && typeof item.isRead === 'boolean');
    if (context.onReadStates && readStates.length > 0) {
      await context.onReadStates(readStates.map((item) => ({ externalId: item.id, isRead: item.isRead!, changeKey: item.changeKey ?? null })));
    }
    await context.onPage(result);
    if (!page['@odata.nextLink']) return;
    link = next;
  }
}
