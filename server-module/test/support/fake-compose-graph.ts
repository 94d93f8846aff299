import { randomUUID } from 'node:crypto';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../../src/graph/microsoft-graph.exception.js';
import type { ComposeGraphPort, GraphDraftContent, GraphDraftRef, GraphMessageState, ReplyKind, UploadSession } from '../../src/compose/compose-graph.port.js';
import type { ComposeGraphFactory } from '../../src/compose/compose-graph.factory.js';

type Method = keyof ComposeGraphPort;
/** `before`: the call fails and Outlook did nothing; `after`: Outlook did it, then the answer was lost (a timeout). */
type Fault = { method: Method; when: 'before' | 'after'; error: MicrosoftGraphException };

export interface FakeDraft {
  id: string;
  changeKey: string;
  isDraft: boolean;
  content: GraphDraftContent;
  marker?: string;
  createdAt?: Date;
  attachments: Array<{ id: string; name: string; size: number }>;
}

export const temporary = (status = 503) => new MicrosoftGraphException(MicrosoftGraphErrorKind.TEMPORARY, `ServiceUnavailable: ${status}`, status, 'ServiceUnavailable');
export const timeout = () => new MicrosoftGraphException(MicrosoftGraphErrorKind.TEMPORARY, 'Network: timeout', null, null);
export const throttled = (retryAfterMs: number) => new MicrosoftGraphException(MicrosoftGraphErrorKind.THROTTLED, 'TooManyRequests', 429, 'TooManyRequests', retryAfterMs);

/**
 * A Graph mailbox for compose's state machine while the emulator has no compose routes: drafts, send, attachments,
 * upload sessions, with faults injected per call. It keeps Graph's documented behaviour that matters to the machine
 * (a sent draft leaves Drafts; If-Match with a stale changeKey is 412; PATCH moves the changeKey).
 */
export class FakeComposeGraph implements ComposeGraphPort {
  readonly drafts = new Map<string, FakeDraft>();
  readonly sent: FakeDraft[] = [];
  readonly calls: Method[] = [];
  readonly chunks: Array<{ start: number; length: number; total: number }> = [];
  private faults: Fault[] = [];
  private sessions = new Map<string, { draftId: string; name: string; size: number; received: number }>();

  fail(method: Method, error: MicrosoftGraphException, when: 'before' | 'after' = 'before'): this {
    this.faults.push({ method, when, error });
    return this;
  }

  factory(): ComposeGraphFactory {
    return { forAccount: () => this } as unknown as ComposeGraphFactory;
  }

  /** Someone edits the draft in Outlook: its changeKey moves. */
  editInOutlook(draftId: string, subject: string): void {
    const draft = this.drafts.get(draftId)!;
    draft.content = { ...draft.content, subject };
    draft.changeKey = randomUUID();
  }

  private async call<T>(method: Method, work: () => T): Promise<T> {
    this.calls.push(method);
    const index = this.faults.findIndex((fault) => fault.method === method);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (fault?.when === 'before') throw fault.error;
    const result = work();
    if (fault?.when === 'after') throw fault.error;
    return result;
  }

  private draft(id: string): FakeDraft {
    const draft = this.drafts.get(id);
    if (!draft || !draft.isDraft) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.NOT_FOUND, 'ErrorItemNotFound', 404, 'ErrorItemNotFound');
    return draft;
  }

  private ref(draft: FakeDraft): GraphDraftRef {
    return { id: draft.id, changeKey: draft.changeKey, bodyHtml: draft.content.bodyHtml ?? null, subject: draft.content.subject ?? null, toRecipients: draft.content.toRecipients ?? [], ccRecipients: draft.content.ccRecipients ?? [] };
  }

  createDraft(content: GraphDraftContent, marker: string) {
    return this.call('createDraft', () => {
      const draft: FakeDraft = { id: `draft-${randomUUID()}`, changeKey: randomUUID(), isDraft: true, content: { ...content }, marker, createdAt: new Date(), attachments: [] };
      this.drafts.set(draft.id, draft);
      return this.ref(draft);
    });
  }

  createReplyDraft(kind: ReplyKind, sourceMessageId: string, marker: string) {
    return this.call('createReplyDraft', () => {
      const to = kind === 'createForward' ? [] : [{ address: 'lee.gu@fabrikam.com', name: 'Lee Gu' }];
      const draft: FakeDraft = {
        id: `draft-${randomUUID()}`, changeKey: randomUUID(), isDraft: true, attachments: [], marker, createdAt: new Date(),
        content: { subject: `RE: source ${sourceMessageId}`, bodyHtml: '<blockquote>original</blockquote>', toRecipients: to, ccRecipients: kind === 'createReplyAll' ? [{ address: 'alex.wilber@contoso.com' }] : [] },
      };
      this.drafts.set(draft.id, draft);
      return this.ref(draft);
    });
  }

  findDraftByMarker(marker: string, since: Date) {
    return this.call('findDraftByMarker', () => {
      const found = [...this.drafts.values()].find((draft) => draft.isDraft && draft.marker === marker && draft.createdAt! >= new Date(since.getTime() - 300_000));
      return found ? this.ref(found) : null;
    });
  }

  updateDraft(draftId: string, content: GraphDraftContent, changeKey: string | null) {
    return this.call('updateDraft', () => {
      const draft = this.draft(draftId);
      if (changeKey && changeKey !== draft.changeKey) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'ErrorIrresolvableConflict', 412, 'ErrorIrresolvableConflict');
      draft.content = { ...draft.content, ...content };
      draft.changeKey = randomUUID();
      return this.ref(draft);
    });
  }

  getMessage(messageId: string) {
    return this.call('getMessage', (): GraphMessageState | null => {
      const sent = this.sent.find((message) => message.id === messageId);
      if (sent) return { id: sent.id, isDraft: false, changeKey: sent.changeKey };
      const draft = this.drafts.get(messageId);
      return draft ? { id: draft.id, isDraft: draft.isDraft, changeKey: draft.changeKey } : null;
    });
  }

  deleteMessage(messageId: string) {
    return this.call('deleteMessage', () => void this.drafts.delete(messageId));
  }

  sendDraft(draftId: string) {
    return this.call('sendDraft', () => {
      const draft = this.draft(draftId);
      this.drafts.delete(draftId);
      this.sent.push({ ...draft, isDraft: false });
    });
  }

  addInlineAttachment(draftId: string, attachment: { name: string; contentType: string; contentBytes: Buffer }) {
    return this.call('addInlineAttachment', () => {
      const draft = this.draft(draftId);
      const id = `att-${randomUUID()}`;
      draft.attachments.push({ id, name: attachment.name, size: attachment.contentBytes.length });
      draft.changeKey = randomUUID();
      return { id };
    });
  }

  createUploadSession(draftId: string, attachment: { name: string; size: number }) {
    return this.call('createUploadSession', (): UploadSession => {
      this.draft(draftId);
      const uploadUrl = `https://upload.example/${randomUUID()}`;
      this.sessions.set(uploadUrl, { draftId, name: attachment.name, size: attachment.size, received: 0 });
      return { uploadUrl, nextExpectedRanges: ['0-'] };
    });
  }

  uploadChunk(uploadUrl: string, chunk: Buffer, start: number, total: number) {
    return this.call('uploadChunk', () => {
      const session = this.sessions.get(uploadUrl)!;
      if (start !== session.received || total !== session.size) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'InvalidRange', 416, 'InvalidRange');
      this.chunks.push({ start, length: chunk.length, total });
      session.received += chunk.length;
      if (session.received < session.size) return { done: false, attachmentId: null, nextExpectedRanges: [`${session.received}-`] };
      const draft = this.draft(session.draftId);
      const id = `att-${randomUUID()}`;
      draft.attachments.push({ id, name: session.name, size: session.size });
      draft.changeKey = randomUUID();
      return { done: true, attachmentId: id, nextExpectedRanges: [] };
    });
  }

  deleteAttachment(draftId: string, attachmentId: string) {
    return this.call('deleteAttachment', () => {
      const draft = this.draft(draftId);
      draft.attachments = draft.attachments.filter((attachment) => attachment.id !== attachmentId);
      draft.changeKey = randomUUID();
    });
  }

  setRead(_messageId: string, _isRead: boolean) {
    return this.call('setRead', () => ({ changeKey: randomUUID() }));
  }

  move(messageId: string, _destinationId: string) {
    return this.call('move', () => ({ id: messageId, parentFolderId: 'archive', changeKey: randomUUID() }));
  }
}
