import {
  DEFAULT_AUTOMATIC_REPLIES,
  DEFAULT_SENDING_LIMITS,
  type AutomaticRepliesRecord,
  type OutboundAttachmentRecord,
  type OutboundRecord,
  type OutboundSummary,
  type SendAdmission,
  type SendingLimitsSettings,
  type UploadSessionRecord,
} from './outbound-records.js';

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
const STATUSES = ['disabled', 'alwaysEnabled', 'scheduled'];
const AUDIENCES = ['none', 'contactsOnly', 'all'];

interface SendEntry {
  at: number;
  recipients: number;
}

interface OutboundState {
  settings: SendingLimitsSettings;
  sends: Map<string, SendEntry[]>;
  outbound: OutboundRecord[];
  automaticReplies: Map<string, AutomaticRepliesRecord>;
}

/** Mail leaving mailboxes: each mailbox's recent sends (for the sending limits), what left the tenant, automatic replies. */
export class InMemoryOutboundStore {
  private settings: SendingLimitsSettings = { ...DEFAULT_SENDING_LIMITS };
  private sends = new Map<string, SendEntry[]>();
  private outbound: OutboundRecord[] = [];
  private automaticReplies = new Map<string, AutomaticRepliesRecord>();
  /** Not kept across restarts: an upload session is begun again, as after any interruption. */
  private uploadSessions = new Map<string, UploadSessionRecord>();
  /** Senders each user's current automatic reply has answered: Exchange answers a sender once per period. */
  private answered = new Map<string, Set<string>>();

  reset(): void {
    this.uploadSessions.clear();
    this.answered.clear();
    this.settings = { ...DEFAULT_SENDING_LIMITS };
    this.sends.clear();
    this.outbound = [];
    this.automaticReplies.clear();
  }

  exportState(): object {
    const state: OutboundState = { settings: this.settings, sends: this.sends, outbound: this.outbound, automaticReplies: this.automaticReplies };
    return state;
  }

  importState(state: object | undefined): void {
    this.reset();
    if (!state) return;
    const restored = state as OutboundState;
    this.settings = { ...DEFAULT_SENDING_LIMITS, ...restored.settings };
    this.sends = restored.sends;
    // Records written before the body and attachments were kept get empty ones.
    this.outbound = restored.outbound.map((stored, index) => {
      const record = stored as Partial<OutboundRecord> & Pick<OutboundRecord, 'sentAt' | 'userId' | 'from' | 'internetMessageId' | 'subject' | 'to' | 'cc' | 'bcc' | 'size'>;
      return {
        ...record,
        id: record.id ?? `outbound-${index + 1}`,
        replyTo: record.replyTo ?? [],
        body: record.body ?? { contentType: 'html', content: '' },
        internetMessageHeaders: record.internetMessageHeaders ?? [],
        attachments: record.attachments ?? [],
      };
    });
    this.automaticReplies = restored.automaticReplies;
  }

  getSettings(): SendingLimitsSettings {
    return { ...this.settings };
  }

  /** Checks the whole patch first: a bad value changes nothing. */
  updateSettings(patch: Partial<SendingLimitsSettings>): SendingLimitsSettings {
    if (typeof patch !== 'object' || patch === null) throw new TypeError('sending limits must be an object');
    const next = { ...this.settings };
    for (const [key, value] of Object.entries(patch)) {
      if (!(key in DEFAULT_SENDING_LIMITS)) throw new TypeError(`unknown sending limit ${key}`);
      if (!Number.isSafeInteger(value) || (value as number) < 1) throw new TypeError(`${key} must be a positive integer`);
      next[key as keyof SendingLimitsSettings] = value as number;
    }
    this.settings = next;
    return this.getSettings();
  }

  /** Whether `mailbox` (a user id) may send a message to `recipients` recipients now. */
  admitSend(mailbox: string, recipients: number, now = Date.now()): SendAdmission {
    const entries = (this.sends.get(mailbox) ?? []).filter((entry) => entry.at > now - DAY);
    this.sends.set(mailbox, entries);
    const lastMinute = entries.filter((entry) => entry.at > now - MINUTE);
    if (lastMinute.length >= this.settings.messagesPerMinute) {
      const frees = lastMinute[lastMinute.length - this.settings.messagesPerMinute]!.at + MINUTE;
      return { ok: false, reason: 'messageRate', retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) };
    }
    const today = entries.reduce((sum, entry) => sum + entry.recipients, 0);
    if (today + recipients > this.settings.recipientsPerDay) return { ok: false, reason: 'recipientRate' };
    return { ok: true };
  }

  recordSend(mailbox: string, recipients: number, now = Date.now()): void {
    const entries = this.sends.get(mailbox) ?? [];
    entries.push({ at: now, recipients });
    this.sends.set(mailbox, entries);
  }

  recordOutbound(record: OutboundRecord): void {
    this.outbound.push(record);
  }

  /** Oldest first; only `userId`'s when given; attachments without their bytes. */
  listOutbound(userId?: string): OutboundSummary[] {
    return this.outbound.filter((record) => !userId || record.userId === userId).map((record) => ({
      ...structuredClone({ ...record, attachments: [] }),
      attachments: record.attachments.map(({ bytes: _bytes, ...rest }) => ({ ...rest })),
    }));
  }

  getOutbound(id: string): OutboundRecord | undefined {
    const found = this.outbound.find((record) => record.id === id);
    return found ? { ...structuredClone({ ...found, attachments: [] }), attachments: found.attachments.map((file) => ({ ...file, bytes: Buffer.from(file.bytes) })) } : undefined;
  }

  getOutboundAttachment(id: string, attachmentId: string): OutboundAttachmentRecord | undefined {
    return this.getOutbound(id)?.attachments.find((file) => file.id === attachmentId);
  }

  clearOutbound(): void {
    this.outbound = [];
  }

  getAutomaticReplies(userId: string): AutomaticRepliesRecord {
    return { ...(this.automaticReplies.get(userId) ?? DEFAULT_AUTOMATIC_REPLIES) };
  }

  /** Checks the whole patch first; `scheduled` needs a window whose end is after its start. */
  setAutomaticReplies(userId: string, patch: Partial<AutomaticRepliesRecord>): AutomaticRepliesRecord {
    if (typeof patch !== 'object' || patch === null) throw new TypeError('automatic replies must be an object');
    const next: AutomaticRepliesRecord = { ...this.getAutomaticReplies(userId) };
    for (const [key, value] of Object.entries(patch)) {
      switch (key) {
        case 'status':
          if (!STATUSES.includes(value as string)) throw new TypeError(`status must be one of ${STATUSES.join(', ')}`);
          next.status = value as AutomaticRepliesRecord['status'];
          break;
        case 'externalAudience':
          if (!AUDIENCES.includes(value as string)) throw new TypeError(`externalAudience must be one of ${AUDIENCES.join(', ')}`);
          next.externalAudience = value as AutomaticRepliesRecord['externalAudience'];
          break;
        case 'internalReplyMessage':
        case 'externalReplyMessage':
          if (typeof value !== 'string') throw new TypeError(`${key} must be a string`);
          next[key] = value;
          break;
        case 'scheduledStartDateTime':
        case 'scheduledEndDateTime':
          if (value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) throw new TypeError(`${key} must be an ISO date-time or null`);
          next[key] = value === null ? null : new Date(value as string).toISOString();
          break;
        default:
          throw new TypeError(`unknown automatic replies setting ${key}`);
      }
    }
    if (next.status === 'scheduled') {
      if (!next.scheduledStartDateTime || !next.scheduledEndDateTime) throw new TypeError('a scheduled automatic reply needs scheduledStartDateTime and scheduledEndDateTime');
      if (Date.parse(next.scheduledEndDateTime) <= Date.parse(next.scheduledStartDateTime)) throw new TypeError('scheduledEndDateTime must be after scheduledStartDateTime');
    }
    this.automaticReplies.set(userId, next);
    this.answered.delete(userId);
    return { ...next };
  }

  /** Whether the user's automatic reply is on at `now` (always, or inside its scheduled window). */
  automaticReplyActive(userId: string, now = Date.now()): boolean {
    const setting = this.getAutomaticReplies(userId);
    if (setting.status === 'alwaysEnabled') return true;
    if (setting.status !== 'scheduled') return false;
    return Date.parse(setting.scheduledStartDateTime!) <= now && now < Date.parse(setting.scheduledEndDateTime!);
  }

  /** True the first time `sender` reaches `userId` while the reply is on; false after (and while it is off). */
  claimAutomaticReply(userId: string, sender: string, now = Date.now()): boolean {
    if (!this.automaticReplyActive(userId, now)) return false;
    const senders = this.answered.get(userId) ?? new Set<string>();
    this.answered.set(userId, senders);
    if (senders.has(sender.toLowerCase())) return false;
    senders.add(sender.toLowerCase());
    return true;
  }

  saveUploadSession(session: UploadSessionRecord): void {
    this.uploadSessions.set(session.id, session);
  }

  getUploadSession(id: string): UploadSessionRecord | undefined {
    return this.uploadSessions.get(id);
  }

  /** What the admin API's expire does: the session's time is up now. */
  expireUploadSession(id: string): boolean {
    const session = this.uploadSessions.get(id);
    if (!session) return false;
    session.expiresAt = Date.now();
    return true;
  }

  deleteUploadSession(id: string): boolean {
    return this.uploadSessions.delete(id);
  }

  /** Sessions without their bytes, for the admin API. */
  listUploadSessions(): Omit<UploadSessionRecord, 'chunks' | 'token'>[] {
    return [...this.uploadSessions.values()].map(({ chunks: _chunks, token: _token, ...rest }) => rest);
  }
}
