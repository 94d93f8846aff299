import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import type { ComposeRecipient } from './compose-address.validator.js';
import type { ComposeGraphPort, GraphDraftContent, GraphDraftRef, GraphMessageState, ReplyKind, UploadSession } from './compose-graph.port.js';

interface GraphRecipient {
  emailAddress?: { address?: string | null; name?: string | null } | null;
}

interface GraphDraft {
  id: string;
  changeKey?: string | null;
  subject?: string | null;
  body?: { contentType?: string; content?: string | null } | null;
  toRecipients?: GraphRecipient[] | null;
  ccRecipients?: GraphRecipient[] | null;
  isDraft?: boolean | null;
  parentFolderId?: string | null;
  internetMessageHeaders?: Array<{ name?: string; value?: string }> | null;
}

const NO_RETRY = [new RetryHandlerOptions(0, 0)];

const toGraphRecipients = (recipients: ComposeRecipient[]) =>
  recipients.map((recipient) => ({ emailAddress: recipient.name ? { address: recipient.address, name: recipient.name } : { address: recipient.address } }));
const fromGraphRecipients = (recipients: GraphRecipient[] | null | undefined): ComposeRecipient[] =>
  (recipients ?? []).flatMap((recipient) => (recipient.emailAddress?.address ? [{ address: recipient.emailAddress.address, name: recipient.emailAddress.name ?? null }] : []));

function toGraphMessage(content: GraphDraftContent): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  if (content.subject !== undefined) message.subject = content.subject;
  if (content.bodyHtml !== undefined) message.body = { contentType: 'html', content: content.bodyHtml };
  if (content.toRecipients) message.toRecipients = toGraphRecipients(content.toRecipients);
  if (content.ccRecipients) message.ccRecipients = toGraphRecipients(content.ccRecipients);
  if (content.bccRecipients) message.bccRecipients = toGraphRecipients(content.bccRecipients);
  return message;
}

function toRef(draft: GraphDraft): GraphDraftRef {
  return {
    id: draft.id,
    changeKey: draft.changeKey ?? null,
    bodyHtml: draft.body?.content ?? null,
    subject: draft.subject ?? null,
    toRecipients: fromGraphRecipients(draft.toRecipients),
    ccRecipients: fromGraphRecipients(draft.ccRecipients),
  };
}

/** The custom header (only `X-` headers may be added: https://learn.microsoft.com/graph/api/resources/internetmessageheader) naming the CRM's outgoing row. */
export const OUTGOING_MARKER_HEADER = 'X-CRM-Outgoing-Id';
// A clock skew allowance between this process and Exchange when looking for a draft created "since".
const MARKER_SKEW_MS = 5 * 60_000;
const MARKER_PAGE_SIZE = 50;
const markerHeaders = (marker: string) => [{ name: OUTGOING_MARKER_HEADER, value: marker }];

const path = (messageId: string) => `/me/messages/${encodeURIComponent(messageId)}`;
// The import stores immutable ids (they survive moves between folders), so compose asks for them too: the ids it
// keeps (drafts, archived messages) are the ones delta will report. https://learn.microsoft.com/graph/outlook-immutable-id
const IMMUTABLE_IDS = 'IdType="ImmutableId"';
const api = (client: Client, url: string) => client.api(url).header('Prefer', IMMUTABLE_IDS);

/** ComposeGraphPort on Microsoft Graph v1.0, through the account's client (its token, its mailbox gate). */
export class GraphComposeClient implements ComposeGraphPort {
  constructor(
    private readonly graph: AccountGraphClient,
    private readonly transport: MicrosoftHttpTransport,
  ) {}

  async createDraft(content: GraphDraftContent, marker: string): Promise<GraphDraftRef> {
    // POST /me/messages creates the draft in Drafts (201): https://learn.microsoft.com/graph/api/user-post-messages
    const message = { ...toGraphMessage(content), internetMessageHeaders: markerHeaders(marker) };
    const draft = await this.graph.request((client) => api(client, '/me/messages').middlewareOptions(NO_RETRY).post(message));
    return toRef(draft as GraphDraft);
  }

  async createReplyDraft(kind: ReplyKind, sourceMessageId: string, marker: string): Promise<GraphDraftRef> {
    // createReply / createReplyAll / createForward answer 201 with the draft, `message` holding writable properties
    // to set on it: https://learn.microsoft.com/graph/api/message-createreply
    const body = { message: { internetMessageHeaders: markerHeaders(marker) } };
    const draft = await this.graph.request((client) => api(client, `${path(sourceMessageId)}/${kind}`).middlewareOptions(NO_RETRY).post(body));
    return toRef(draft as GraphDraft);
  }

  async findDraftByMarker(marker: string, since: Date): Promise<GraphDraftRef | null> {
    const from = new Date(since.getTime() - MARKER_SKEW_MS).toISOString();
    let url: string | null =
      `/me/mailFolders/drafts/messages?$filter=${encodeURIComponent(`createdDateTime ge ${from}`)}&$select=id,changeKey,subject,body,toRecipients,ccRecipients,internetMessageHeaders&$top=${MARKER_PAGE_SIZE}`;
    while (url) {
      const page = (await this.graph.request((client) => api(client, url!).get())) as { value: GraphDraft[]; '@odata.nextLink'?: string };
      const found = page.value.find((draft) => (draft.internetMessageHeaders ?? []).some((header) => header.name?.toLowerCase() === OUTGOING_MARKER_HEADER.toLowerCase() && header.value === marker));
      if (found) return toRef(found);
      url = page['@odata.nextLink'] ?? null;
    }
    return null;
  }

  async updateDraft(draftId: string, content: GraphDraftContent, changeKey: string | null): Promise<GraphDraftRef> {
    const draft = await this.graph.request((client) => {
      // No $select on a PATCH: the answer is the whole message, and the emulator refuses options Graph does not document here.
      let request = api(client, path(draftId));
      if (changeKey) request = request.header('If-Match', `W/"${changeKey}"`);
      return request.patch(toGraphMessage(content));
    });
    return toRef(draft as GraphDraft);
  }

  async getMessage(messageId: string): Promise<GraphMessageState | null> {
    try {
      const message = (await this.graph.request((client) => api(client, path(messageId)).select('id,isDraft,changeKey').get())) as GraphDraft;
      return { id: message.id, isDraft: message.isDraft ?? false, changeKey: message.changeKey ?? null };
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) return null;
      throw error;
    }
  }

  async deleteMessage(messageId: string): Promise<void> {
    try {
      await this.graph.request((client) => api(client, path(messageId)).delete());
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) return;
      throw error;
    }
  }

  async sendDraft(draftId: string): Promise<void> {
    // 202 Accepted, empty; the message moves to Sent Items: https://learn.microsoft.com/graph/api/message-send
    await this.graph.request((client) => api(client, `${path(draftId)}/send`).middlewareOptions(NO_RETRY).header('Content-Length', '0').post(undefined));
  }

  async addInlineAttachment(draftId: string, attachment: { name: string; contentType: string; contentBytes: Buffer }): Promise<{ id: string }> {
    const created = (await this.graph.request((client) =>
      api(client, `${path(draftId)}/attachments`).middlewareOptions(NO_RETRY).post({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: attachment.name,
        contentType: attachment.contentType,
        contentBytes: attachment.contentBytes.toString('base64'),
      }),
    )) as { id: string };
    return { id: created.id };
  }

  async createUploadSession(draftId: string, attachment: { name: string; size: number }): Promise<UploadSession> {
    const session = (await this.graph.request((client) =>
      api(client, `${path(draftId)}/attachments/createUploadSession`).post({ AttachmentItem: { attachmentType: 'file', name: attachment.name, size: attachment.size } }),
    )) as { uploadUrl: string; nextExpectedRanges?: string[] };
    return { uploadUrl: session.uploadUrl, nextExpectedRanges: session.nextExpectedRanges ?? ['0-'] };
  }

  async uploadChunk(uploadUrl: string, chunk: Buffer, start: number, total: number): Promise<{ done: boolean; attachmentId: string | null; nextExpectedRanges: string[] }> {
    const end = start + chunk.length - 1;
    let response: Awaited<ReturnType<MicrosoftHttpTransport['putBytes']>>;
    try {
      // No Authorization header: the upload URL carries its own token (https://learn.microsoft.com/graph/outlook-large-attachments).
      response = await this.transport.putBytes(uploadUrl, { 'content-type': 'application/octet-stream', 'content-length': String(chunk.length), 'content-range': `bytes ${start}-${end}/${total}` }, chunk);
    } catch (error) {
      throw classifyGraphError(error);
    }
    const { text, headers } = response;
    const body = text ? (JSON.parse(text) as { nextExpectedRanges?: string[]; id?: string }) : {};
    if (response.status === 201) {
      const location = headers.location;
      const fromLocation = location ? /attachments\('([^']+)'\)/i.exec(location)?.[1] ?? null : null;
      return { done: true, attachmentId: fromLocation ?? body.id ?? null, nextExpectedRanges: [] };
    }
    if (response.status === 200 || response.status === 202) return { done: false, attachmentId: null, nextExpectedRanges: body.nextExpectedRanges ?? [] };
    throw classifyGraphError({ statusCode: response.status, body: text, headers, message: `upload chunk ${start}-${end} answered ${response.status}` });
  }

  async deleteAttachment(draftId: string, attachmentId: string): Promise<void> {
    try {
      await this.graph.request((client) => api(client, `${path(draftId)}/attachments/${encodeURIComponent(attachmentId)}`).delete());
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) return;
      throw error;
    }
  }

  async setRead(messageId: string, isRead: boolean): Promise<{ changeKey: string | null }> {
    // PATCH isRead answers 200 with the message: https://learn.microsoft.com/graph/api/message-update
    const message = (await this.graph.request((client) => api(client, path(messageId)).patch({ isRead }))) as GraphDraft;
    return { changeKey: message.changeKey ?? null };
  }

  async move(messageId: string, destinationId: string): Promise<{ id: string; parentFolderId: string | null; changeKey: string | null }> {
    // POST /move answers 201 with the message in its new folder, under a new id: https://learn.microsoft.com/graph/api/message-move
    const moved = (await this.graph.request((client) => api(client, `${path(messageId)}/move`).post({ destinationId }))) as GraphDraft;
    return { id: moved.id, parentFolderId: moved.parentFolderId ?? null, changeKey: moved.changeKey ?? null };
  }
}
