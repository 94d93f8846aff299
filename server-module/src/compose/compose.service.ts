import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, featureGrants, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { singleLine, withoutNul } from '../common/control-characters.util.js';
import { UsableMicrosoftAccounts } from '../disconnect/usable-microsoft-accounts.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { assertRecipientCount, normalizeRecipients, type ComposeRecipient } from './compose-address.validator.js';
import { sanitizeMailHtml } from './compose-html.sanitizer.js';
import { MAX_BODY_HTML_BYTES, MAX_SUBJECT_LENGTH, OutgoingKind, OutgoingStatus } from './compose.constants.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { ComposeJobs } from './compose.jobs.js';
import { OutgoingMessageRepository, type OutgoingAttachmentRecord, type OutgoingMessageRecord } from './outgoing-message.repository.js';
import { OutgoingSendMachine } from './outgoing-send.machine.js';

export interface DraftInput {
  subject?: string | null;
  bodyHtml?: string | null;
  to?: ComposeRecipient[] | null;
  cc?: ComposeRecipient[] | null;
  bcc?: ComposeRecipient[] | null;
}

export interface ComposeCapability {
  connectedAccountId: string;
  handle: string;
  canSend: boolean;
  canManageMail: boolean;
  /** Why sending is unavailable, in the words the composer shows. */
  sendUnavailableReason: string | null;
}

export interface OutgoingView extends OutgoingMessageRecord {
  attachments: OutgoingAttachmentRecord[];
}

export const RECONNECT_TO_SEND = 'Reconnect to allow sending';
const EDITABLE = new Set([OutgoingStatus.DRAFT, OutgoingStatus.CONFLICT, OutgoingStatus.FAILED]);

/** Drafts, replies, forwards and sends for the signed-in member, from their own connected accounts only. */
@Injectable()
export class ComposeService {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(UsableMicrosoftAccounts) private readonly usable: UsableMicrosoftAccounts,
    @Inject(OutgoingMessageRepository) private readonly outgoing: OutgoingMessageRepository,
    @Inject(OutgoingSendMachine) private readonly machine: OutgoingSendMachine,
    @Inject(ComposeJobs) private readonly jobs: ComposeJobs,
  ) {}

  async capabilities(member: WorkspaceMemberRef): Promise<ComposeCapability[]> {
    return (await this.ownAccounts(member)).map((account) => capabilityOf(account));
  }

  async createDraft(member: WorkspaceMemberRef, connectedAccountId: string, input: DraftInput): Promise<OutgoingView> {
    const account = await this.ownAccount(member, connectedAccountId);
    assertCanSend(account);
    const content = cleanContent(input);
    const record = await this.outgoing.create({ ...content, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, connectedAccountId, kind: OutgoingKind.NEW, sourceMessageExternalId: null });
    return this.saveAndView(member, record.id);
  }

  /** Reply, reply all or forward from a CRM message of one of the member's channels, as Outlook's own draft. */
  async createResponse(member: WorkspaceMemberRef, messageId: string, kind: Exclude<OutgoingKind, OutgoingKind.NEW>, input: DraftInput): Promise<OutgoingView> {
    const accounts = await this.ownAccounts(member);
    const channels = await this.records.connectedAccounts().findMessageChannels(member.workspaceId, accounts.map((account) => account.id));
    const [ref] = await this.records.mailboxMessages().findChannelMessages(member.workspaceId, channels.map((channel) => channel.id), { messageId });
    if (!ref) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such message in your Microsoft mailboxes.');
    const account = accounts.find((candidate) => candidate.id === channels.find((channel) => channel.id === ref.messageChannelId)!.connectedAccountId)!;
    assertCanSend(account);
    const content = cleanContent(input);
    const record = await this.outgoing.create({ ...content, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, connectedAccountId: account.id, kind, sourceMessageExternalId: ref.externalId });
    return this.saveAndView(member, record.id);
  }

  async updateDraft(member: WorkspaceMemberRef, id: string, input: DraftInput, overwrite: boolean): Promise<OutgoingView> {
    const record = await this.ownRecord(member, id);
    if (!EDITABLE.has(record.status)) throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, `This message is ${record.status.toLowerCase()} and can no longer be edited.`);
    const content = cleanContent({ subject: input.subject ?? record.subject, bodyHtml: input.bodyHtml ?? record.bodyHtml, to: input.to ?? record.toRecipients, cc: input.cc ?? record.ccRecipients, bcc: input.bcc ?? record.bccRecipients });
    if (!(await this.outgoing.setContent(record.id, content))) throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, 'This message is being sent and can no longer be edited.');
    return this.saveAndView(member, record.id, overwrite);
  }

  async send(member: WorkspaceMemberRef, id: string): Promise<OutgoingView> {
    let record = await this.ownRecord(member, id);
    assertCanSend(await this.ownAccount(member, record.connectedAccountId));
    // Not in Outlook yet (its save failed or its answer was lost): saved first, so a reply has Outlook's recipients.
    if (record.graphDraftId === null && EDITABLE.has(record.status)) {
      await this.machine.saveDraft(member.workspaceId, id);
      record = await this.ownRecord(member, id);
    }
    if (record.status === OutgoingStatus.SENT || OutgoingMessageRepository.isSendActive(record.status)) return this.view(member, id);
    if (record.status === OutgoingStatus.CONFLICT) throw new ComposeException(ComposeErrorCode.DRAFT_CONFLICT, record.lastError ?? 'This draft was changed in Outlook; keep your version or discard it before sending.');
    if (record.status === OutgoingStatus.DISCARDED) throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, 'This draft was discarded.');
    if (record.toRecipients.length + record.ccRecipients.length + record.bccRecipients.length === 0) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, 'Add at least one recipient before sending.');
    const pending = (await this.outgoing.listAttachments(id)).filter((attachment) => attachment.status !== 'UPLOADED');
    if (pending.length > 0) throw new ComposeException(ComposeErrorCode.ATTACHMENTS_PENDING, `Wait for ${pending.map((a) => a.name).join(', ')} to finish uploading, or remove it.`);
    await this.outgoing.update(id, { status: OutgoingStatus.SENDING, sendRequestedAt: new Date(), nextAttemptAt: null, attempts: 0, lastError: null, lastErrorCode: null });
    await this.jobs.enqueue(member.workspaceId, id);
    return this.view(member, id);
  }

  async discard(member: WorkspaceMemberRef, id: string): Promise<OutgoingView> {
    const record = await this.ownRecord(member, id);
    if (record.status === OutgoingStatus.SENT || OutgoingMessageRepository.isSendActive(record.status)) {
      throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, 'This message is already being sent.');
    }
    await this.machine.discard(member.workspaceId, id);
    return this.view(member, id);
  }

  async view(member: WorkspaceMemberRef, id: string): Promise<OutgoingView> {
    const record = await this.ownRecord(member, id);
    return { ...record, attachments: await this.outgoing.listAttachments(id) };
  }

  async ownRecord(member: WorkspaceMemberRef, id: string): Promise<OutgoingMessageRecord> {
    const record = await this.outgoing.findOwned(member.workspaceId, member.workspaceMemberId, id);
    if (!record) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such draft among yours.');
    return record;
  }

  async ownAccount(member: WorkspaceMemberRef, connectedAccountId: string): Promise<ConnectedAccountRecord> {
    const account = (await this.ownAccounts(member)).find((candidate) => candidate.id === connectedAccountId);
    if (!account) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
    return account;
  }

  private ownAccounts(member: WorkspaceMemberRef): Promise<ConnectedAccountRecord[]> {
    return this.usable.list(member);
  }

  /** Saves to Outlook at once so the composer can say "Saved to Outlook drafts"; a failure keeps the text here. */
  private async saveAndView(member: WorkspaceMemberRef, id: string, overwrite = false): Promise<OutgoingView> {
    // A conflict is kept as it is on both sides (status CONFLICT): the member decides, overwrite or discard theirs.
    await this.machine.saveDraft(member.workspaceId, id, { overwrite });
    return this.view(member, id);
  }
}

export function capabilityOf(account: ConnectedAccountRecord): ComposeCapability {
  const grants = featureGrants(account.scopes);
  const canSend = grants.find((grant) => grant.feature === MicrosoftFeature.MAIL_SEND)!.granted && account.authFailedAt === null;
  const canManageMail = grants.find((grant) => grant.feature === MicrosoftFeature.MAIL_IMPORT)!.granted && account.authFailedAt === null;
  return { connectedAccountId: account.id, handle: account.handle, canSend, canManageMail, sendUnavailableReason: canSend ? null : RECONNECT_TO_SEND };
}

function assertCanSend(account: ConnectedAccountRecord): void {
  const capability = capabilityOf(account);
  if (!capability.canSend) {
    const code = account.authFailedAt ? ComposeErrorCode.NEEDS_RECONNECT : ComposeErrorCode.SEND_NOT_GRANTED;
    throw new ComposeException(code, `${RECONNECT_TO_SEND}: ${account.handle} did not give the CRM permission to send mail (Mail.Send).`);
  }
}

function cleanContent(input: DraftInput): { subject: string; bodyHtml: string; toRecipients: ComposeRecipient[]; ccRecipients: ComposeRecipient[]; bccRecipients: ComposeRecipient[] } {
  const subject = singleLine(input.subject ?? '').trim();
  if (subject.length > MAX_SUBJECT_LENGTH) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, `The subject is longer than ${MAX_SUBJECT_LENGTH} characters.`);
  const rawBody = withoutNul(input.bodyHtml ?? '');
  if (Buffer.byteLength(rawBody) > MAX_BODY_HTML_BYTES) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, `The message body is larger than ${MAX_BODY_HTML_BYTES / 1024 / 1024} MB.`);
  const toRecipients = normalizeRecipients('To', input.to);
  const ccRecipients = normalizeRecipients('Cc', input.cc);
  const bccRecipients = normalizeRecipients('Bcc', input.bcc);
  assertRecipientCount(toRecipients, ccRecipients, bccRecipients);
  return { subject, bodyHtml: sanitizeMailHtml(rawBody), toRecipients, ccRecipients, bccRecipients };
}
