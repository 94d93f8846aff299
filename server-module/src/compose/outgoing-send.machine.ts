import { Inject, Injectable, Optional } from '@nestjs/common';
import { MicrosoftFeature } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { ComposeGraphFactory } from './compose-graph.factory.js';
import type { ComposeGraphPort, ReplyKind } from './compose-graph.port.js';
import { DAILY_LIMIT_CODES, DEFAULT_THROTTLE_WAIT_MS, MAX_SEND_ATTEMPTS, OutgoingKind, OutgoingStatus, OutgoingStep } from './compose.constants.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { OutgoingMessageRepository, type OutgoingMessageRecord } from './outgoing-message.repository.js';

const REPLY_KINDS: Record<Exclude<OutgoingKind, OutgoingKind.NEW>, ReplyKind> = {
  [OutgoingKind.REPLY]: 'createReply',
  [OutgoingKind.REPLY_ALL]: 'createReplyAll',
  [OutgoingKind.FORWARD]: 'createForward',
};

export type AdvanceOutcome =
  | { kind: 'done'; record: OutgoingMessageRecord }
  | { kind: 'busy' }
  | { kind: 'queued'; record: OutgoingMessageRecord; until: Date }
  /** A temporary failure (5xx, timeout, network): the step is kept and the caller retries later. */
  | { kind: 'retry'; record: OutgoingMessageRecord; error: MicrosoftGraphException };

const isConflict = (error: unknown) => error instanceof MicrosoftGraphException && (error.status === 412 || error.graphCode === 'ErrorIrresolvableConflict');
const isNotFound = (error: unknown) => error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND;

/**
 * The member's body above what Outlook quoted in a reply or forward draft: inside the quoted document's <body>
 * when it has one (Outlook's drafts are whole HTML documents), so the original appears once and below.
 */
export function composedBody(record: Pick<OutgoingMessageRecord, 'bodyHtml' | 'quotedBodyHtml'>): string {
  const quoted = record.quotedBodyHtml;
  if (!quoted) return record.bodyHtml;
  const body = /<body[^>]*>/i.exec(quoted);
  if (!body) return `${record.bodyHtml}<br>${quoted}`;
  const at = body.index + body[0].length;
  return `${quoted.slice(0, at)}<div>${record.bodyHtml}</div>${quoted.slice(at)}`;
}

/**
 * The send state machine. Each call takes the row's lease, then moves it on from its persisted step:
 * PENDING → DRAFT_CREATED (the Graph draft id is saved before anything else) → CONTENT_SET (the member's latest
 * version, under If-Match) → ATTACHMENTS_UPLOADED → SENT. A send that may have reached Microsoft (a timeout after
 * POST /send) is checked before it is tried again: a draft that is gone or no longer a draft was sent.
 */
@Injectable()
export class OutgoingSendMachine {
  private readonly logger = new PluginLogger('MicrosoftCompose');

  constructor(
    @Inject(OutgoingMessageRepository) private readonly repository: OutgoingMessageRepository,
    @Inject(ComposeGraphFactory) private readonly graphs: ComposeGraphFactory,
    @Optional() @Inject(FeatureGate) private readonly gate?: FeatureGate,
  ) {}

  /** Saves the draft to Outlook (creating it first when needed). `overwrite` ignores Outlook's edits since. */
  async saveDraft(workspaceId: string, id: string, options: { overwrite?: boolean } = {}): Promise<AdvanceOutcome> {
    return this.withLease(workspaceId, id, async (record, graph) => {
      record = await this.ensureDraft(record, graph, options.overwrite ?? false);
      return { kind: 'done', record };
    });
  }

  /** Drives a requested send as far as it goes: to SENT, to QUEUED (Outlook's limit), to FAILED, or a retry later. */
  async advance(workspaceId: string, id: string): Promise<AdvanceOutcome> {
    return this.withLease(workspaceId, id, async (record, graph) => {
      if (!OutgoingMessageRepository.isSendActive(record.status)) return { kind: 'done', record };
      record = await this.repository.update(record.id, { status: OutgoingStatus.SENDING, nextAttemptAt: null, attempts: record.attempts + 1 });
      record = await this.ensureDraft(record, graph, false);
      if (record.status === OutgoingStatus.CONFLICT) return { kind: 'done', record };
      if (record.step === OutgoingStep.CONTENT_SET) {
        const attachments = await this.repository.listAttachments(record.id);
        const pending = attachments.filter((attachment) => attachment.status !== 'UPLOADED');
        if (pending.length > 0) {
          return { kind: 'done', record: await this.fail(record, ComposeErrorCode.ATTACHMENTS_PENDING, `${pending.map((a) => a.name).join(', ')} did not finish uploading; remove or upload again, then send.`) };
        }
        record = await this.repository.update(record.id, { step: OutgoingStep.ATTACHMENTS_UPLOADED });
      }
      return { kind: 'done', record: await this.send(record, graph) };
    });
  }

  /** Deletes the Outlook draft (already gone is fine) and marks the row DISCARDED. */
  async discard(workspaceId: string, id: string): Promise<AdvanceOutcome> {
    return this.withLease(workspaceId, id, async (record, graph) => {
      if (record.graphDraftId) await graph.deleteMessage(record.graphDraftId);
      return { kind: 'done', record: await this.repository.update(record.id, { status: OutgoingStatus.DISCARDED, lastError: null, lastErrorCode: null }) };
    });
  }

  private async withLease(workspaceId: string, id: string, work: (record: OutgoingMessageRecord, graph: ComposeGraphPort) => Promise<AdvanceOutcome>): Promise<AdvanceOutcome> {
    const leased = await this.repository.lease(id);
    if (!leased || leased.workspaceId !== workspaceId) {
      if (leased) await this.repository.release(id);
      return { kind: 'busy' };
    }
    try {
      if (leased.status === OutgoingStatus.DISCARDED || leased.status === OutgoingStatus.SENT) return { kind: 'done', record: leased };
      const graph = this.graphs.forAccount(leased.workspaceId, leased.connectedAccountId);
      return await work(leased, graph);
    } catch (error) {
      return await this.onFailure(id, error);
    } finally {
      await this.repository.release(id);
    }
  }

  private async ensureDraft(record: OutgoingMessageRecord, graph: ComposeGraphPort, overwrite: boolean): Promise<OutgoingMessageRecord> {
    if (record.step === OutgoingStep.PENDING || !record.graphDraftId) record = await this.createDraft(record, graph);
    if (record.contentVersionSet < record.contentVersion || record.step === OutgoingStep.DRAFT_CREATED) record = await this.setContent(record, graph, overwrite);
    return record;
  }

  private async createDraft(record: OutgoingMessageRecord, graph: ComposeGraphPort): Promise<OutgoingMessageRecord> {
    const version = record.contentVersion;
    // An earlier attempt may have made the draft and lost Outlook's answer: adopt that draft rather than make a second.
    const earlier = record.draftCreateStartedAt ? await graph.findDraftByMarker(record.id, record.draftCreateStartedAt) : null;
    if (earlier) this.logger.log(`Outgoing ${record.id}: the draft an earlier attempt created is adopted`);
    else record = await this.repository.update(record.id, { draftCreateStartedAt: new Date() });
    if (record.kind === OutgoingKind.NEW) {
      const content = { subject: record.subject, bodyHtml: record.bodyHtml, toRecipients: record.toRecipients, ccRecipients: record.ccRecipients, bccRecipients: record.bccRecipients };
      const draft = earlier ?? (await graph.createDraft(content, record.id));
      // An adopted draft holds the content of the attempt that made it; the next step sets the latest version.
      return this.repository.update(record.id, {
        graphDraftId: draft.id, changeKey: draft.changeKey, step: earlier ? OutgoingStep.DRAFT_CREATED : OutgoingStep.CONTENT_SET, contentVersionSet: earlier ? 0 : version, savedToOutlookAt: new Date(), lastError: null, lastErrorCode: null,
      });
    }
    const draft = earlier ?? (await graph.createReplyDraft(REPLY_KINDS[record.kind], record.sourceMessageExternalId!, record.id));
    // The draft Outlook made carries the recipients it chose (the sender, or everyone) and the quoted original.
    return this.repository.update(record.id, {
      graphDraftId: draft.id,
      changeKey: draft.changeKey,
      step: OutgoingStep.DRAFT_CREATED,
      quotedBodyHtml: draft.bodyHtml ?? null,
      toRecipients: record.toRecipients.length > 0 || record.kind === OutgoingKind.FORWARD ? record.toRecipients : (draft.toRecipients ?? []),
      ccRecipients: record.ccRecipients.length > 0 || record.kind !== OutgoingKind.REPLY_ALL ? record.ccRecipients : (draft.ccRecipients ?? []),
      subject: record.subject || draft.subject || '',
      savedToOutlookAt: new Date(),
    });
  }

  private async setContent(record: OutgoingMessageRecord, graph: ComposeGraphPort, overwrite: boolean): Promise<OutgoingMessageRecord> {
    const version = record.contentVersion;
    try {
      const saved = await graph.updateDraft(
        record.graphDraftId!,
        { subject: record.subject, bodyHtml: composedBody(record), toRecipients: record.toRecipients, ccRecipients: record.ccRecipients, bccRecipients: record.bccRecipients },
        overwrite ? null : record.changeKey,
      );
      return this.repository.update(record.id, {
        changeKey: saved.changeKey, contentVersionSet: version, step: OutgoingStep.CONTENT_SET, savedToOutlookAt: new Date(),
        ...(record.status === OutgoingStatus.CONFLICT || record.status === OutgoingStatus.FAILED ? { status: OutgoingStatus.DRAFT } : {}),
        lastError: null, lastErrorCode: null,
      });
    } catch (error) {
      if (isConflict(error)) {
        return this.repository.update(record.id, {
          status: OutgoingStatus.CONFLICT, lastErrorCode: ComposeErrorCode.DRAFT_CONFLICT,
          lastError: 'This draft was changed in Outlook since the CRM saved it. Keep your version to overwrite it, or discard yours.',
        });
      }
      if (isNotFound(error) && !record.sendAttemptedAt) {
        // Deleted in Outlook before it was ever sent: make it again from the CRM's copy rather than lose the text.
        this.logger.warn(`Outgoing ${record.id}: its Outlook draft is gone; creating it again`);
        const reset = await this.repository.update(record.id, { graphDraftId: null, changeKey: null, step: OutgoingStep.PENDING, contentVersionSet: 0 });
        const created = await this.createDraft(reset, graph);
        return created.step === OutgoingStep.DRAFT_CREATED ? this.setContent(created, graph, true) : created;
      }
      throw error;
    }
  }

  private async send(record: OutgoingMessageRecord, graph: ComposeGraphPort): Promise<OutgoingMessageRecord> {
    if (record.sendAttemptedAt) {
      // An earlier POST /send may have gone through (a timeout, a killed process): a sent draft leaves Drafts.
      const state = await graph.getMessage(record.graphDraftId!);
      if (!state || !state.isDraft) return this.markSent(record);
    }
    await this.gate?.assertGranted(record.workspaceId, record.connectedAccountId, MicrosoftFeature.MAIL_SEND);
    record = await this.repository.update(record.id, { sendAttemptedAt: new Date() });
    await graph.sendDraft(record.graphDraftId!);
    return this.markSent(record);
  }

  private markSent(record: OutgoingMessageRecord): Promise<OutgoingMessageRecord> {
    return this.repository.update(record.id, { status: OutgoingStatus.SENT, step: OutgoingStep.SENT, sentAt: new Date(), nextAttemptAt: null, lastError: null, lastErrorCode: null });
  }

  private fail(record: OutgoingMessageRecord, code: ComposeErrorCode, message: string): Promise<OutgoingMessageRecord> {
    return this.repository.update(record.id, { status: OutgoingStatus.FAILED, lastErrorCode: code, lastError: message, nextAttemptAt: null });
  }

  private async onFailure(id: string, error: unknown): Promise<AdvanceOutcome> {
    const record = (await this.repository.findById(id))!;
    const sending = OutgoingMessageRepository.isSendActive(record.status);
    if (error instanceof ComposeException) return { kind: 'done', record: await this.fail(record, error.code, error.message) };
    if (!(error instanceof MicrosoftGraphException)) throw error;
    if (error.graphCode && DAILY_LIMIT_CODES.has(error.graphCode)) {
      return { kind: 'done', record: await this.fail(record, ComposeErrorCode.DAILY_LIMIT, "Outlook's daily sending limit for this mailbox is reached (10,000 recipients a day). The message stays in your drafts; send it tomorrow.") };
    }
    switch (error.kind) {
      case MicrosoftGraphErrorKind.THROTTLED: {
        const until = new Date(Date.now() + (error.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS));
        if (!sending) return { kind: 'retry', record: await this.repository.update(id, { lastErrorCode: ComposeErrorCode.TEMPORARY, lastError: 'Outlook asked us to slow down; saving again shortly.' }), error };
        const queued = await this.repository.update(id, { status: OutgoingStatus.QUEUED, nextAttemptAt: until, lastErrorCode: null, lastError: "Outlook's sending limit (30 messages a minute): queued" });
        return { kind: 'queued', record: queued, until };
      }
      case MicrosoftGraphErrorKind.TEMPORARY:
      case MicrosoftGraphErrorKind.INTERNAL:
        if (sending && record.attempts >= MAX_SEND_ATTEMPTS) {
          return { kind: 'done', record: await this.fail(record, ComposeErrorCode.TEMPORARY, `Microsoft kept failing (${error.status ?? 'network'}) after ${record.attempts} tries. Your message is in Outlook drafts; press Send to try again.`) };
        }
        return { kind: 'retry', record: await this.repository.update(id, { lastErrorCode: ComposeErrorCode.TEMPORARY, lastError: `Microsoft did not answer (${error.status ?? 'network'}); trying again.` }), error };
      case MicrosoftGraphErrorKind.UNAUTHENTICATED:
        return { kind: 'done', record: await this.failOrKeep(record, ComposeErrorCode.NEEDS_RECONNECT, 'Microsoft no longer accepts this account’s sign-in. Reconnect it in Settings → Accounts; your draft is kept.') };
      case MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS:
        return { kind: 'done', record: await this.failOrKeep(record, ComposeErrorCode.SEND_NOT_GRANTED, 'This account did not allow the CRM to send mail (Mail.Send). Reconnect to allow sending; your draft is kept.') };
      case MicrosoftGraphErrorKind.NOT_FOUND:
        return { kind: 'done', record: await this.failOrKeep(record, ComposeErrorCode.DRAFT_GONE, 'The message this draft answers is no longer in Outlook.') };
      default:
        return { kind: 'done', record: await this.failOrKeep(record, ComposeErrorCode.INVALID_INPUT, `Outlook refused the message: ${error.message}`) };
    }
  }

  /** A failed save leaves a draft a draft (with the reason); a failed send becomes FAILED. */
  private failOrKeep(record: OutgoingMessageRecord, code: ComposeErrorCode, message: string): Promise<OutgoingMessageRecord> {
    if (OutgoingMessageRepository.isSendActive(record.status)) return this.fail(record, code, message);
    return this.repository.update(record.id, { lastErrorCode: code, lastError: message });
  }
}
