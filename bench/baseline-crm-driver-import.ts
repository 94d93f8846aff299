// BASELINE — not product code. The mail import done the way the CRM's own Microsoft driver does it, rebuilt for
// the benchmark: per folder, a delta of ids only (`$select=id`, `Prefer: odata.maxpagesize=999`), then every
// message fetched on its own inside `$batch` envelopes of 20 (`GET /me/messages/{id}?$select=…`), then written
// through the host port. It uses the plugin's own pieces everywhere else — the same AccountGraphClient (Graph SDK
// chain, mailbox gate, token handling), the same `$batch` runner (per-item Retry-After), folder discovery, message
// mapping, page writes of the same size in one transaction each, 4 folders in parallel — so that the only
// difference the figures show is the Graph access pattern.
import type { MessageFolderRecord, MessageImportRecordsPort } from '@m365/shared-types';
import type { AccountGraphClient } from '../server-module/src/graph/account-graph-client.js';
import { runBatch } from '../server-module/src/graph/graph-batch.runner.js';
import { discoverMailFolders } from '../server-module/src/mail/mail-folder-discovery.service.js';
import { MESSAGE_SELECT, toImportedMessage, type GraphMessage } from '../server-module/src/mail/graph-message.mapper.js';

const ID_PAGE_SIZE = 999;
const FOLDERS_IN_PARALLEL = 4;
const PREFER_ITEM = 'outlook.body-content-type="text", IdType="ImmutableId"';

interface IdPage {
  value: Array<{ id: string; '@removed'?: { reason: string } }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface BaselineContext {
  graph: AccountGraphClient;
  records: MessageImportRecordsPort;
  workspaceId: string;
  messageChannelId: string;
  ownHandles: Set<string>;
  /** Messages per host write (the plugin's page size, so that DB transactions are the same size). */
  writePageSize: number;
}

/** Imports every folder the plugin would (all but drafts, junk, deleted items, outbox… and their children). */
export async function baselineImport(context: BaselineContext): Promise<void> {
  const { graph, records, workspaceId, messageChannelId } = context;
  const discovered = await discoverMailFolders(graph);
  const stored = await records.upsertFolders(workspaceId, messageChannelId, discovered.folders);
  const parentOf = new Map(stored.map((folder) => [folder.externalId, folder.parentFolderId]));
  const excluded = (externalId: string | null): boolean => {
    for (let id = externalId, depth = 0; id && depth < 64; id = parentOf.get(id) ?? null, depth += 1) {
      if (discovered.excludedExternalIds.has(id)) return true;
    }
    return false;
  };
  const queue = stored.filter((folder) => !excluded(folder.externalId));
  const worker = async () => {
    for (let folder = queue.shift(); folder; folder = queue.shift()) await importFolder(context, folder);
  };
  await Promise.all(Array.from({ length: Math.min(FOLDERS_IN_PARALLEL, queue.length) }, worker));
}

async function importFolder(context: BaselineContext, folder: MessageFolderRecord): Promise<void> {
  let link = folder.syncCursor ?? `/me/mailFolders/${encodeURIComponent(folder.externalId)}/messages/delta?$select=id`;
  for (;;) {
    const page: IdPage = await context.graph.request((client) =>
      client.api(link).header('Prefer', `odata.maxpagesize=${ID_PAGE_SIZE}, IdType="ImmutableId"`).get(),
    );
    const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
    if (!next) throw new Error('Delta page without nextLink or deltaLink');
    const removed = page.value.filter((item) => item['@removed']).map((item) => item.id);
    const ids = page.value.filter((item) => !item['@removed']).map((item) => item.id);

    // One GET per message, 20 to an envelope.
    const fetched = await runBatch(
      context.graph,
      ids.map((id, index) => ({ id: String(index), url: `/me/messages/${encodeURIComponent(id)}?$select=${MESSAGE_SELECT}`, headers: { Prefer: PREFER_ITEM } })),
    );
    const messages = ids
      .map((_, index) => fetched.get(String(index)))
      .filter((result) => result?.status === 200) // A message deleted since the delta: the next delta reports it.
      .map((result) => result!.body as GraphMessage)
      .filter((message) => !message.isDraft)
      .map((message) => toImportedMessage(message, context.ownHandles));

    // Written in pages of the plugin's size; the cursor moves on with the last one (a resume re-reads this page).
    const chunks = Math.max(1, Math.ceil(messages.length / context.writePageSize));
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      await context.records.saveMessagesPage({
        workspaceId: context.workspaceId,
        messageChannelId: context.messageChannelId,
        messageFolderId: folder.id,
        messages: messages.slice(chunk * context.writePageSize, (chunk + 1) * context.writePageSize),
        removedExternalIds: chunk === 0 ? removed : [],
        nextCursor: chunk === chunks - 1 ? next : link,
      });
    }
    if (!page['@odata.nextLink']) return;
    link = next;
  }
}
