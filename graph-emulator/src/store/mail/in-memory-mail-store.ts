import { randomBytes } from 'node:crypto';
import type { UserRecord } from '../emulator-records.js';
import { InMemoryOutlookLimitsStore } from '../outlook-limits/in-memory-outlook-limits-store.js';
import type { Admission, RequestCounter } from '../outlook-limits/outlook-limits-records.js';
import { DEFAULT_OUTLOOK_LIMITS_SETTINGS, nextOutlookLimitsSettings } from '../outlook-limits/outlook-limits-settings.js';
import type { OutlookLimitsStore } from '../outlook-limits/outlook-limits-store.js';
import { DEFAULT_DELTA_SETTINGS, nextDeltaSettings } from './delta-settings.js';
import { MailChangeEmitter } from './mail-change-emitter.js';
import { folderChanges, invalidateDeltaTokens, walkFolder } from './mail-changes.js';
import * as compose from './mail-compose.js';
import * as draftAttachments from './mail-draft-attachments.js';
import * as folders from './mail-folders.js';
import * as messages from './mail-messages.js';
import type {
  AttachedFile,
  DeliveredMessage,
  DraftPatch,
  DeltaSettings,
  MailboxContent,
  MailboxStatus,
  MailFolderRecord,
  MailSettings,
  MailSettingsPatch,
  MessageSummary,
  NewMessageInput,
  SeedMailboxInput,
  SeedMailboxResult,
  WellKnownFolderName,
} from './mail-records.js';
import type { AttachmentView, ChangesPage, DeltaTokenScope, FolderWalkPage, MailChangeListener, MailStore, MessageView } from './mail-store.js';
import { epochsAbove, type Mailbox } from './mailbox-model.js';
import { loadMailbox, seedMailbox } from './mailbox-seeding.js';
import { findRecord, messageView } from './message-view.js';

export const DEFAULT_MAIL_SETTINGS: Readonly<MailSettings> = Object.freeze({ ...DEFAULT_OUTLOOK_LIMITS_SETTINGS, delta: DEFAULT_DELTA_SETTINGS });

/** What a restart keeps of mail. `settings.throttling`/`faults` are read from files written before the limits had their own state. */
interface MailStoreState {
  mailboxes: Map<string, Mailbox>;
  settings: Pick<MailSettings, 'delta'> & Partial<MailSettings>;
  deltaTokenSecret: Buffer;
}

/** The mailboxes, each a plain model the functions of this folder work on; this class finds the mailbox and hands it over. */
export class InMemoryMailStore implements MailStore {
  private mailboxes = new Map<string, Mailbox>();
  deltaTokenSecret: Buffer = randomBytes(32);
  private deltaSettings: DeltaSettings = { ...DEFAULT_DELTA_SETTINGS };
  private changes = new MailChangeEmitter();

  constructor(
    private readonly findUser: (idOrUpn: string) => UserRecord | undefined,
    /** The Outlook limits this mail shares with every other mailbox resource; its owner resets and persists it. */
    private readonly limits: OutlookLimitsStore = new InMemoryOutlookLimitsStore(),
  ) {
    this.reset();
  }

  reset(): void {
    this.mailboxes.clear();
    this.deltaSettings = { ...DEFAULT_DELTA_SETTINGS };
  }

  /** What a restart keeps: every mailbox (folders, messages, change logs) and the delta knobs. */
  exportState(): object {
    const state: MailStoreState = { mailboxes: this.mailboxes, settings: { delta: this.deltaSettings }, deltaTokenSecret: this.deltaTokenSecret };
    return state;
  }

  importState(state: object): void {
    const { mailboxes, settings, deltaTokenSecret } = state as MailStoreState;
    this.reset();
    this.deltaSettings = { ...settings.delta };
    this.deltaTokenSecret = deltaTokenSecret;
    for (const [userId, mailbox] of mailboxes) {
      this.mailboxes.set(userId, mailbox);
      // Delta tokens name their folder's epoch: new epochs must never repeat a restored one.
      for (const folder of mailbox.folders) epochsAbove(folder.epoch);
    }
  }

  // ---- settings: the Outlook limits' and delta's ------------------------------------------------------------

  getSettings(): MailSettings {
    return { ...this.limits.getSettings(), delta: { ...this.deltaSettings } };
  }

  updateSettings(patch: MailSettingsPatch): MailSettings {
    // Both checked before either changes, in the order the knobs were always checked.
    nextOutlookLimitsSettings(this.limits.getSettings(), patch);
    const delta = nextDeltaSettings(this.deltaSettings, patch.delta);
    this.limits.updateSettings({ ...(patch.throttling ? { throttling: patch.throttling } : {}), ...(patch.faults ? { faults: patch.faults } : {}) });
    this.deltaSettings = delta;
    return this.getSettings();
  }

  admit(appId: string, mailbox: string, now?: number): Admission {
    return this.limits.admit(appId, mailbox, now);
  }

  release(appId: string, mailbox: string): void {
    this.limits.release(appId, mailbox);
  }

  getRequestCounters(): RequestCounter[] {
    return this.limits.getRequestCounters();
  }

  resetRequestCounters(): void {
    this.limits.resetRequestCounters();
  }

  // ---- mailboxes and folders ----------------------------------------------------------------------------

  private user(idOrUpn: string): UserRecord {
    const user = this.findUser(idOrUpn);
    if (!user) throw new TypeError(`no user ${idOrUpn}`);
    return user;
  }

  private mailbox(idOrUpn: string): Mailbox {
    const user = this.user(idOrUpn);
    return this.mailboxes.get(user.id) ?? this.createMailbox(user);
  }

  /** A fresh mailbox in place of the user's (its status is kept). */
  private createMailbox(user: UserRecord, contentSeed = 1): Mailbox {
    const mailbox = folders.newMailbox(user, this.mailboxes.get(user.id)?.status ?? 'enabled', contentSeed);
    this.mailboxes.set(user.id, mailbox);
    return mailbox;
  }

  getMailboxStatus(user: string): MailboxStatus {
    return this.mailbox(user).status;
  }

  setMailboxStatus(user: string, status: MailboxStatus): MailboxStatus {
    if (!['enabled', 'MailboxNotEnabledForRESTAPI', 'ErrorAccountDisabled'].includes(status)) {
      throw new TypeError('status must be enabled, MailboxNotEnabledForRESTAPI or ErrorAccountDisabled');
    }
    this.mailbox(user).status = status;
    return status;
  }

  listFolders(user: string, parent: string | null): MailFolderRecord[] {
    return folders.listFolders(this.mailbox(user), parent);
  }

  getFolder(user: string, idOrWellKnownName: string): MailFolderRecord | undefined {
    const mailbox = this.mailbox(user);
    const folder = folders.findFolder(mailbox, idOrWellKnownName);
    return folder && folders.folderRecord(mailbox, folder);
  }

  localizeDefaultFolders(user: string, names: Partial<Record<WellKnownFolderName, string>>): MailFolderRecord[] {
    return folders.localizeDefaultFolders(this.mailbox(user), names);
  }

  createFolder(user: string, displayName: string, parent: string | null = null): MailFolderRecord {
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a folder needs a displayName');
    return folders.createFolder(this.mailbox(user), displayName, parent);
  }

  // ---- seeding ------------------------------------------------------------------------------------------

  seedMailbox(input: SeedMailboxInput): SeedMailboxResult {
    const user = this.user(input.user);
    return seedMailbox(user, input, (contentSeed) => {
      const existing = this.mailboxes.get(user.id);
      return input.replace === false && existing ? existing : this.createMailbox(user, contentSeed);
    });
  }

  loadMailbox(user: string, content: MailboxContent): SeedMailboxResult {
    const started = performance.now();
    const owner = this.user(user);
    if (!content || !Array.isArray(content.folders) || !Array.isArray(content.messages)) throw new TypeError('mailbox content needs folders and messages');
    return loadMailbox(this.createMailbox(owner), content, started);
  }

  // ---- messages -----------------------------------------------------------------------------------------

  getMessage(user: string, id: string): MessageView | undefined {
    const mailbox = this.mailbox(user);
    const record = findRecord(mailbox, id);
    return record && messageView(mailbox, record);
  }

  listFolderMessages(user: string, folder: string, skip: number, top: number): { items: MessageView[]; total: number } {
    return messages.listFolderMessages(this.mailbox(user), folder, skip, top);
  }

  listMessages(user: string, folder?: string): MessageView[] {
    return messages.listMessages(this.mailbox(user), folder);
  }

  listMessageSummaries(user: string, options: { folder?: string; skip?: number; top?: number } = {}): MessageSummary[] {
    return messages.listMessageSummaries(this.mailbox(user), options);
  }

  deliverMessage(user: string, input: NewMessageInput): DeliveredMessage {
    return messages.deliverMessage(this.mailbox(user), input, this.changes);
  }

  setRead(user: string, id: string, isRead: boolean): MessageView {
    if (typeof isRead !== 'boolean') throw new TypeError('isRead must be a boolean');
    return messages.setRead(this.mailbox(user), id, isRead, this.changes);
  }

  moveMessage(user: string, id: string, destination: string): MessageView {
    return messages.moveMessage(this.mailbox(user), id, destination, this.changes);
  }

  deleteMessage(user: string, id: string, options: { permanent?: boolean } = {}): void {
    messages.deleteMessage(this.mailbox(user), id, options.permanent ?? false, this.changes);
  }

  updateDraft(user: string, id: string, patch: DraftPatch): MessageView {
    return compose.updateDraft(this.mailbox(user), id, patch, this.changes);
  }

  markSent(user: string, id: string): MessageView {
    return compose.markSent(this.mailbox(user), id, Date.now(), this.changes);
  }

  findByInternetMessageId(user: string, internetMessageId: string): MessageView | undefined {
    return compose.findByInternetMessageId(this.mailbox(user), internetMessageId);
  }

  addAttachment(user: string, id: string, file: AttachedFile): AttachmentView {
    return draftAttachments.addAttachment(this.mailbox(user), id, file, this.changes);
  }

  removeAttachment(user: string, id: string, attachmentId: string): boolean {
    return draftAttachments.removeAttachment(this.mailbox(user), id, attachmentId, this.changes);
  }

  onChange(listener: MailChangeListener): () => void {
    return this.changes.onChange(listener);
  }

  // ---- delta --------------------------------------------------------------------------------------------

  deltaScope(user: string, folder: string): DeltaTokenScope {
    const mailbox = this.mailbox(user);
    return { epoch: folders.requireFolder(mailbox, folder).epoch, seq: mailbox.seq };
  }

  walkFolder(user: string, folder: string, afterKey: number, limit: number, receivedSince?: number): FolderWalkPage {
    return walkFolder(this.mailbox(user), folder, afterKey, limit, receivedSince);
  }

  folderChanges(user: string, folder: string, afterSeq: number, upToSeq: number, limit: number, receivedSince?: number): ChangesPage {
    return folderChanges(this.mailbox(user), folder, afterSeq, upToSeq, limit, receivedSince);
  }

  invalidateDeltaTokens(options: { user?: string; folder?: string } = {}): number {
    const mailboxes = options.user ? [this.mailbox(options.user)] : [...this.mailboxes.values()];
    return invalidateDeltaTokens(mailboxes, options.folder);
  }
}
