import type { MigrationInterface, QueryRunner } from 'typeorm';

// The timestamp is deliberately old: TypeORM orders migrations by it, and the plugin's tables may reference these.
const RECORD_COLUMNS = `
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "workspaceId" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "createdAt" timestamptz NOT NULL DEFAULT now(),
  "updatedAt" timestamptz NOT NULL DEFAULT now(),
  "deletedAt" timestamptz`;

const SYNC_STATUSES = `'NOT_SYNCED', 'ONGOING', 'ACTIVE', 'FAILED_INSUFFICIENT_PERMISSIONS', 'FAILED_UNKNOWN'`;
const MESSAGE_SYNC_STAGES = `'PENDING_CONFIGURATION', 'MESSAGE_LIST_FETCH_PENDING', 'MESSAGE_LIST_FETCH_SCHEDULED', 'MESSAGE_LIST_FETCH_ONGOING',
  'MESSAGES_IMPORT_PENDING', 'MESSAGES_IMPORT_SCHEDULED', 'MESSAGES_IMPORT_ONGOING', 'FAILED'`;
const CALENDAR_SYNC_STAGES = `'PENDING_CONFIGURATION', 'CALENDAR_EVENT_LIST_FETCH_PENDING', 'CALENDAR_EVENT_LIST_FETCH_SCHEDULED',
  'CALENDAR_EVENT_LIST_FETCH_ONGOING', 'CALENDAR_EVENTS_IMPORT_PENDING', 'CALENDAR_EVENTS_IMPORT_SCHEDULED', 'CALENDAR_EVENTS_IMPORT_ONGOING', 'FAILED'`;

const TABLES: Array<[name: string, columns: string]> = [
  ['workspaceMember', `
    "nameFirstName" text NOT NULL DEFAULT '',
    "nameLastName" text NOT NULL DEFAULT '',
    "userEmail" text NOT NULL,
    "passwordHash" text,
    "avatarUrl" text,
    "locale" text NOT NULL DEFAULT 'en',
    "colorScheme" text NOT NULL DEFAULT 'System' CHECK ("colorScheme" IN ('System', 'Light', 'Dark'))`],
  ['company', `
    "name" text NOT NULL,
    "domainName" text`],
  ['person', `
    "nameFirstName" text NOT NULL DEFAULT '',
    "nameLastName" text NOT NULL DEFAULT '',
    "emailsPrimaryEmail" text,
    "emailsAdditionalEmails" text[] NOT NULL DEFAULT '{}',
    "jobTitle" text,
    "city" text,
    "avatarUrl" text,
    "companyId" uuid REFERENCES "company" ("id") ON DELETE SET NULL`],
  ['connectedAccount', `
    "handle" text NOT NULL,
    "provider" text NOT NULL CHECK ("provider" IN ('google', 'microsoft')),
    "accessToken" text,
    "refreshToken" text,
    "lastCredentialsRefreshedAt" timestamptz,
    "authFailedAt" timestamptz,
    "handleAliases" text[] NOT NULL DEFAULT '{}',
    "scopes" text[] NOT NULL DEFAULT '{}',
    "accountOwnerId" uuid NOT NULL REFERENCES "workspaceMember" ("id") ON DELETE CASCADE`],
  ['messageChannel', `
    "visibility" text NOT NULL DEFAULT 'SHARE_EVERYTHING' CHECK ("visibility" IN ('METADATA', 'SUBJECT', 'SHARE_EVERYTHING')),
    "handle" text NOT NULL,
    "type" text NOT NULL DEFAULT 'EMAIL' CHECK ("type" IN ('EMAIL', 'SMS')),
    "isContactAutoCreationEnabled" boolean NOT NULL DEFAULT true,
    "contactAutoCreationPolicy" text NOT NULL DEFAULT 'SENT' CHECK ("contactAutoCreationPolicy" IN ('SENT_AND_RECEIVED', 'SENT', 'NONE')),
    "messageFolderImportPolicy" text NOT NULL DEFAULT 'ALL_FOLDERS' CHECK ("messageFolderImportPolicy" IN ('ALL_FOLDERS', 'SELECTED_FOLDERS')),
    "excludeNonProfessionalEmails" boolean NOT NULL DEFAULT true,
    "excludeGroupEmails" boolean NOT NULL DEFAULT true,
    "isSyncEnabled" boolean NOT NULL DEFAULT true,
    "syncCursor" text,
    "syncedAt" timestamptz,
    "syncStatus" text NOT NULL DEFAULT 'NOT_SYNCED' CHECK ("syncStatus" IN (${SYNC_STATUSES})),
    "syncStage" text NOT NULL DEFAULT 'PENDING_CONFIGURATION' CHECK ("syncStage" IN (${MESSAGE_SYNC_STAGES})),
    "syncStageStartedAt" timestamptz,
    "throttleFailureCount" integer NOT NULL DEFAULT 0,
    "throttleRetryAfter" timestamptz,
    "connectedAccountId" uuid NOT NULL REFERENCES "connectedAccount" ("id") ON DELETE CASCADE`],
  ['messageFolder', `
    "name" text,
    "syncCursor" text,
    "isSentFolder" boolean NOT NULL DEFAULT false,
    "isSynced" boolean NOT NULL DEFAULT true,
    "parentFolderId" text,
    "externalId" text,
    "messageChannelId" uuid NOT NULL REFERENCES "messageChannel" ("id") ON DELETE CASCADE`],
  ['messageThread', ``],
  ['message', `
    "headerMessageId" text,
    "subject" text,
    "text" text,
    "receivedAt" timestamptz,
    "messageThreadId" uuid REFERENCES "messageThread" ("id") ON DELETE CASCADE`],
  ['messageParticipant', `
    "role" text NOT NULL DEFAULT 'from' CHECK ("role" IN ('from', 'to', 'cc', 'bcc')),
    "handle" text,
    "displayName" text,
    "messageId" uuid NOT NULL REFERENCES "message" ("id") ON DELETE CASCADE,
    "personId" uuid REFERENCES "person" ("id") ON DELETE SET NULL,
    "workspaceMemberId" uuid REFERENCES "workspaceMember" ("id") ON DELETE SET NULL`],
  ['messageChannelMessageAssociation', `
    "messageExternalId" text,
    "messageThreadExternalId" text,
    "direction" text NOT NULL DEFAULT 'INCOMING' CHECK ("direction" IN ('INCOMING', 'OUTGOING')),
    "messageChannelId" uuid NOT NULL REFERENCES "messageChannel" ("id") ON DELETE CASCADE,
    "messageId" uuid NOT NULL REFERENCES "message" ("id") ON DELETE CASCADE,
    "messageFolderId" uuid REFERENCES "messageFolder" ("id") ON DELETE SET NULL`],
  ['calendarChannel', `
    "handle" text NOT NULL,
    "visibility" text NOT NULL DEFAULT 'SHARE_EVERYTHING' CHECK ("visibility" IN ('METADATA', 'SHARE_EVERYTHING')),
    "contactAutoCreationPolicy" text NOT NULL DEFAULT 'AS_PARTICIPANT_AND_ORGANIZER'
      CHECK ("contactAutoCreationPolicy" IN ('AS_PARTICIPANT_AND_ORGANIZER', 'AS_PARTICIPANT', 'AS_ORGANIZER', 'NONE')),
    "isContactAutoCreationEnabled" boolean NOT NULL DEFAULT true,
    "isSyncEnabled" boolean NOT NULL DEFAULT true,
    "syncCursor" text,
    "syncedAt" timestamptz,
    "syncStatus" text NOT NULL DEFAULT 'NOT_SYNCED' CHECK ("syncStatus" IN (${SYNC_STATUSES})),
    "syncStage" text NOT NULL DEFAULT 'PENDING_CONFIGURATION' CHECK ("syncStage" IN (${CALENDAR_SYNC_STAGES})),
    "syncStageStartedAt" timestamptz,
    "throttleFailureCount" integer NOT NULL DEFAULT 0,
    "connectedAccountId" uuid NOT NULL REFERENCES "connectedAccount" ("id") ON DELETE CASCADE`],
  ['calendarEvent', `
    "title" text,
    "isCanceled" boolean NOT NULL DEFAULT false,
    "isFullDay" boolean NOT NULL DEFAULT false,
    "startsAt" timestamptz,
    "endsAt" timestamptz,
    "externalCreatedAt" timestamptz,
    "externalUpdatedAt" timestamptz,
    "description" text,
    "location" text,
    "iCalUid" text,
    "conferenceSolution" text,
    "conferenceLinkPrimaryLinkUrl" text,
    "conferenceLinkPrimaryLinkLabel" text,
    "recurringEventExternalId" text`],
  ['calendarEventParticipant', `
    "handle" text,
    "displayName" text,
    "isOrganizer" boolean NOT NULL DEFAULT false,
    "responseStatus" text NOT NULL DEFAULT 'NEEDS_ACTION' CHECK ("responseStatus" IN ('NEEDS_ACTION', 'DECLINED', 'TENTATIVE', 'ACCEPTED')),
    "calendarEventId" uuid NOT NULL REFERENCES "calendarEvent" ("id") ON DELETE CASCADE,
    "personId" uuid REFERENCES "person" ("id") ON DELETE SET NULL,
    "workspaceMemberId" uuid REFERENCES "workspaceMember" ("id") ON DELETE SET NULL`],
  ['calendarChannelEventAssociation', `
    "eventExternalId" text NOT NULL,
    "recurringEventExternalId" text,
    "calendarChannelId" uuid NOT NULL REFERENCES "calendarChannel" ("id") ON DELETE CASCADE,
    "calendarEventId" uuid NOT NULL REFERENCES "calendarEvent" ("id") ON DELETE CASCADE`],
  ['blocklist', `
    "handle" text NOT NULL,
    "workspaceMemberId" uuid NOT NULL REFERENCES "workspaceMember" ("id") ON DELETE CASCADE`],
  ['task', `
    "title" text,
    "body" text,
    "dueAt" timestamptz,
    "status" text NOT NULL DEFAULT 'TODO' CHECK ("status" IN ('TODO', 'IN_PROGRESS', 'DONE')),
    "assigneeId" uuid REFERENCES "workspaceMember" ("id") ON DELETE SET NULL,
    "personId" uuid REFERENCES "person" ("id") ON DELETE SET NULL,
    "companyId" uuid REFERENCES "company" ("id") ON DELETE SET NULL`],
  ['attachment', `
    "name" text,
    "fullPath" text,
    "type" text,
    "personId" uuid REFERENCES "person" ("id") ON DELETE CASCADE,
    "companyId" uuid REFERENCES "company" ("id") ON DELETE CASCADE,
    "taskId" uuid REFERENCES "task" ("id") ON DELETE CASCADE`],
];

const INDEXES: Array<[name: string, definition: string]> = [
  ['UQ_workspaceMember_userEmail', `UNIQUE INDEX ON "workspaceMember" ("workspaceId", lower("userEmail"))`],
  ['UQ_company_domainName', `UNIQUE INDEX ON "company" ("workspaceId", lower("domainName"))`],
  // One person per primary email, so mail and calendar auto-creating the same contact at once cannot duplicate it.
  ['UQ_person_primaryEmail', `UNIQUE INDEX ON "person" ("workspaceId", lower("emailsPrimaryEmail")) WHERE "deletedAt" IS NULL AND "emailsPrimaryEmail" IS NOT NULL`],
  ['IDX_person_additionalEmails', `INDEX ON "person" USING gin ("emailsAdditionalEmails")`],
  ['IDX_person_companyId', `INDEX ON "person" ("companyId")`],
  ['UQ_connectedAccount_handle', `UNIQUE INDEX ON "connectedAccount" ("workspaceId", "provider", lower("handle"))`],
  ['IDX_connectedAccount_accountOwnerId', `INDEX ON "connectedAccount" ("accountOwnerId")`],
  ['IDX_messageChannel_connectedAccountId', `INDEX ON "messageChannel" ("connectedAccountId")`],
  ['IDX_messageChannel_syncStage', `INDEX ON "messageChannel" ("syncStage")`],
  ['UQ_messageFolder_externalId', `UNIQUE INDEX ON "messageFolder" ("messageChannelId", "externalId")`],
  ['IDX_message_messageThreadId', `INDEX ON "message" ("messageThreadId")`],
  ['IDX_message_headerMessageId', `INDEX ON "message" ("workspaceId", "headerMessageId")`],
  ['IDX_messageParticipant_messageId', `INDEX ON "messageParticipant" ("messageId")`],
  ['IDX_messageParticipant_personId', `INDEX ON "messageParticipant" ("personId")`],
  ['IDX_messageParticipant_workspaceMemberId', `INDEX ON "messageParticipant" ("workspaceMemberId")`],
  ['IDX_messageParticipant_handle', `INDEX ON "messageParticipant" ("workspaceId", lower("handle"))`],
  ['UQ_messageChannelMessageAssociation_message', `UNIQUE INDEX ON "messageChannelMessageAssociation" ("messageChannelId", "messageId")`],
  ['UQ_messageChannelMessageAssociation_externalId', `UNIQUE INDEX ON "messageChannelMessageAssociation" ("messageChannelId", "messageExternalId")`],
  ['IDX_messageChannelMessageAssociation_messageFolderId', `INDEX ON "messageChannelMessageAssociation" ("messageFolderId")`],
  ['IDX_messageChannelMessageAssociation_messageId', `INDEX ON "messageChannelMessageAssociation" ("messageId")`],
  ['IDX_messageChannelMessageAssociation_threadExternalId', `INDEX ON "messageChannelMessageAssociation" ("messageChannelId", "messageThreadExternalId")`],
  ['IDX_calendarChannel_connectedAccountId', `INDEX ON "calendarChannel" ("connectedAccountId")`],
  ['IDX_calendarChannel_syncStage', `INDEX ON "calendarChannel" ("syncStage")`],
  ['IDX_calendarEvent_iCalUid', `INDEX ON "calendarEvent" ("workspaceId", "iCalUid")`],
  ['IDX_calendarEvent_startsAt', `INDEX ON "calendarEvent" ("workspaceId", "startsAt")`],
  ['IDX_calendarEventParticipant_calendarEventId', `INDEX ON "calendarEventParticipant" ("calendarEventId")`],
  ['IDX_calendarEventParticipant_personId', `INDEX ON "calendarEventParticipant" ("personId")`],
  ['IDX_calendarEventParticipant_workspaceMemberId', `INDEX ON "calendarEventParticipant" ("workspaceMemberId")`],
  ['UQ_calendarChannelEventAssociation_eventExternalId', `UNIQUE INDEX ON "calendarChannelEventAssociation" ("calendarChannelId", "eventExternalId")`],
  ['IDX_calendarChannelEventAssociation_calendarEventId', `INDEX ON "calendarChannelEventAssociation" ("calendarEventId")`],
  ['UQ_blocklist_member_handle', `UNIQUE INDEX ON "blocklist" ("workspaceMemberId", lower("handle"))`],
  ['IDX_task_assigneeId', `INDEX ON "task" ("assigneeId")`],
  ['IDX_task_personId', `INDEX ON "task" ("personId")`],
  ['IDX_task_companyId', `INDEX ON "task" ("companyId")`],
  ['IDX_attachment_personId', `INDEX ON "attachment" ("personId")`],
  ['IDX_attachment_companyId', `INDEX ON "attachment" ("companyId")`],
  ['IDX_attachment_taskId', `INDEX ON "attachment" ("taskId")`],
];

/** The host's Twenty-shaped records: workspace, members, people, companies, messaging, calendar, tasks, attachments. */
export class CreateHostSchema1700000000000 implements MigrationInterface {
  name = 'CreateHostSchema1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "workspace" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "displayName" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "deletedAt" timestamptz
      )`);
    for (const [table, columns] of TABLES) {
      await queryRunner.query(`CREATE TABLE "${table}" (${RECORD_COLUMNS}${columns ? `,${columns}` : ''})`);
      await queryRunner.query(`CREATE INDEX "IDX_${table}_workspaceId" ON "${table}" ("workspaceId")`);
    }
    for (const [name, definition] of INDEXES) {
      const [kind, rest] = definition.split(' ON ');
      await queryRunner.query(`CREATE ${kind.replace('INDEX', `INDEX "${name}"`)} ON ${rest}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query(`DROP TABLE "workspace"`);
  }
}
