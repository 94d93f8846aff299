import type { SharedPersonFields } from './person-contact-records.port.js';

export enum PersonChangeKind {
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

interface PersonChangeBase {
  /** The host's open transaction handle (a TypeORM EntityManager in Twenty-style hosts): outbox rows commit with it. */
  transaction: unknown;
  workspaceId: string;
  workspaceMemberId: string;
  personId: string;
  /** When the member made the change (the conflict rule compares it with Outlook's lastModifiedDateTime). */
  editedAt: Date;
}

export interface PersonUpdated extends PersonChangeBase {
  kind: PersonChangeKind.UPDATED;
  /** Only the shared fields the member changed, as they are now. */
  fields: Partial<SharedPersonFields>;
}

export interface PersonDeleted extends PersonChangeBase {
  kind: PersonChangeKind.DELETED;
}

export type PersonChange = PersonUpdated | PersonDeleted;

export interface RecordedPersonChange {
  /** How many Outlook contacts the change is on its way to. */
  contactWrites: number;
  /** To be called by the host after its transaction committed: starts writing the change to Outlook. */
  dispatch(): Promise<void>;
}

/**
 * How the host tells the plugin that a member edited or deleted a person in the CRM (Twenty emits database events
 * for this). The host calls it inside the transaction that changes the person, and `dispatch` once it committed.
 * The plugin writes nothing of the host's here: only its outbox and its link rows.
 */
export interface PersonChangePort {
  recordChange(change: PersonChange): Promise<RecordedPersonChange>;
}

/** What the host's people-writes code injects (the plugin provides it). */
export const PERSON_CHANGE_PORT = 'M365_PERSON_CHANGE_PORT';
