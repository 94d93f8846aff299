import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageChannelVisibility, type WorkspaceMemberRef } from '@m365/shared-types';
import { toLimitOffset, type PagingArgs } from '../records/paging.args.js';
import type { MessageThreadModel, ThreadMessageParticipant } from './message-thread.model.js';
import { PARTICIPANT_JOINS, PARTICIPANT_SELECT, participantKey, toTimelineParticipant, type ParticipantRow } from './timeline-participant.mapper.js';
import type { TimelineThreadParticipant } from './timeline-participant.model.js';
import { participantTargetFilter, targetId, type TimelineTarget } from './timeline-target.js';
import type { TimelineThread, TimelineThreadsWithTotal } from './timeline-thread.model.js';
import { messageVisibilityFromRank, messageVisibilityRank } from './visibility.util.js';

interface MessageRow {
  id: string;
  messageThreadId: string;
  headerMessageId: string | null;
  subject: string | null;
  text: string | null;
  receivedAt: Date | null;
}

interface ThreadParticipantRow extends ParticipantRow {
  messageId: string;
  role: string;
}

/** Email threads as Twenty's timeline shows them, with the caller's visibility applied. */
@Injectable()
export class TimelineThreadsService {
  constructor(private readonly dataSource: DataSource) {}

  async findThreads(member: WorkspaceMemberRef, target: TimelineTarget, paging: PagingArgs): Promise<TimelineThreadsWithTotal> {
    const { limit, offset } = toLimitOffset(paging);
    const matching = `
      SELECT DISTINCT m."messageThreadId" AS "id"
      FROM "messageParticipant" p JOIN "message" m ON m."id" = p."messageId" AND m."deletedAt" IS NULL
      WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND m."messageThreadId" IS NOT NULL
        AND ${participantTargetFilter(target, 'p', '$2', '$1')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS "total" FROM (${matching}) t`, [member.workspaceId, targetId(target)]);
    const page: Array<{ id: string }> = await this.dataSource.query(
      `SELECT t."id" FROM (${matching}) t
       JOIN "message" m ON m."messageThreadId" = t."id" AND m."deletedAt" IS NULL
       GROUP BY t."id" ORDER BY max(m."receivedAt") DESC NULLS LAST, t."id" LIMIT $3 OFFSET $4`,
      [member.workspaceId, targetId(target), limit, offset],
    );
    const threads = await this.loadThreads(member, page.map((row) => row.id));
    return { totalNumberOfThreads: total, timelineThreads: page.map((row) => this.toTimelineThread(threads.get(row.id)!)) };
  }

  async findThread(member: WorkspaceMemberRef, threadId: string): Promise<MessageThreadModel | null> {
    const thread = (await this.loadThreads(member, [threadId])).get(threadId);
    if (!thread || thread.messages.length === 0) return null;
    const showSubject = thread.visibility !== MessageChannelVisibility.METADATA;
    const showBody = thread.visibility === MessageChannelVisibility.SHARE_EVERYTHING;
    return {
      id: threadId,
      visibility: thread.visibility,
      subject: showSubject ? thread.messages[0].subject : null,
      messages: thread.messages.map((message) => {
        const participants = (thread.participants.get(message.id) ?? []).map(toMessageParticipant);
        return {
          id: message.id,
          headerMessageId: message.headerMessageId,
          receivedAt: message.receivedAt,
          subject: showSubject ? message.subject : null,
          text: showBody ? message.text : null,
          sender: participants.find((participant) => participant.role === 'from') ?? null,
          participants,
        };
      }),
    };
  }

  private async loadThreads(member: WorkspaceMemberRef, threadIds: string[]): Promise<Map<string, LoadedThread>> {
    const threads = new Map<string, LoadedThread>();
    if (threadIds.length === 0) return threads;
    const params = [member.workspaceId, threadIds];
    const messages: MessageRow[] = await this.dataSource.query(
      `SELECT m."id", m."messageThreadId", m."headerMessageId", m."subject", m."text", m."receivedAt"
       FROM "message" m JOIN "messageThread" t ON t."id" = m."messageThreadId" AND t."deletedAt" IS NULL
       WHERE m."workspaceId" = $1 AND m."messageThreadId" = ANY($2::uuid[]) AND m."deletedAt" IS NULL
       ORDER BY m."receivedAt" ASC NULLS FIRST, m."createdAt" ASC, m."id"`,
      params,
    );
    const participants: ThreadParticipantRow[] = await this.dataSource.query(
      `SELECT p."messageId", p."role", ${PARTICIPANT_SELECT}
       FROM "messageParticipant" p JOIN "message" m ON m."id" = p."messageId" ${PARTICIPANT_JOINS}
       WHERE p."workspaceId" = $1 AND m."messageThreadId" = ANY($2::uuid[]) AND p."deletedAt" IS NULL
       ORDER BY p."createdAt", p."id"`,
      params,
    );
    const ranks: Array<{ threadId: string; rank: number }> = await this.dataSource.query(
      `SELECT m."messageThreadId" AS "threadId", max(${messageVisibilityRank('$3')})::int AS "rank"
       FROM "message" m
       JOIN "messageChannelMessageAssociation" a ON a."messageId" = m."id" AND a."deletedAt" IS NULL
       JOIN "messageChannel" mc ON mc."id" = a."messageChannelId" AND mc."deletedAt" IS NULL
       JOIN "connectedAccount" ca ON ca."id" = mc."connectedAccountId"
       WHERE m."workspaceId" = $1 AND m."messageThreadId" = ANY($2::uuid[]) AND m."deletedAt" IS NULL
       GROUP BY m."messageThreadId"`,
      [...params, member.workspaceMemberId],
    );
    const rankByThread = new Map(ranks.map((row) => [row.threadId, row.rank]));
    for (const id of threadIds) {
      threads.set(id, { id, visibility: messageVisibilityFromRank(rankByThread.get(id)), messages: [], participants: new Map() });
    }
    for (const message of messages) threads.get(message.messageThreadId)?.messages.push(message);
    const threadOfMessage = new Map(messages.map((message) => [message.id, message.messageThreadId]));
    for (const participant of participants) {
      const perMessage = threads.get(threadOfMessage.get(participant.messageId) ?? '')?.participants;
      if (!perMessage) continue;
      perMessage.set(participant.messageId, [...(perMessage.get(participant.messageId) ?? []), participant]);
    }
    return threads;
  }

  private toTimelineThread(thread: LoadedThread): TimelineThread {
    const first = thread.messages[0];
    const last = thread.messages[thread.messages.length - 1];
    const senderOf = (message: MessageRow) => thread.participants.get(message.id)?.find((participant) => participant.role === 'from') ?? null;
    const firstSender = first ? senderOf(first) : null;
    const lastTwo = new Map<string, TimelineThreadParticipant>();
    for (const message of [...thread.messages].reverse()) {
      const sender = senderOf(message);
      if (!sender || lastTwo.size === 2) continue;
      const key = participantKey(sender);
      if ((firstSender && key === participantKey(firstSender)) || lastTwo.has(key)) continue;
      lastTwo.set(key, toTimelineParticipant(sender));
    }
    const everyone = new Set([...thread.participants.values()].flat().map(participantKey));
    return {
      id: thread.id,
      read: true,
      visibility: thread.visibility,
      firstParticipant: firstSender && toTimelineParticipant(firstSender),
      lastTwoParticipants: [...lastTwo.values()],
      lastMessageReceivedAt: last?.receivedAt ?? null,
      lastMessageBody: thread.visibility === MessageChannelVisibility.SHARE_EVERYTHING ? (last?.text ?? null) : null,
      subject: thread.visibility === MessageChannelVisibility.METADATA ? null : (first?.subject ?? null),
      numberOfMessagesInThread: thread.messages.length,
      participantCount: everyone.size,
    };
  }
}

interface LoadedThread {
  id: string;
  visibility: MessageChannelVisibility;
  messages: MessageRow[];
  participants: Map<string, ThreadParticipantRow[]>;
}

function toMessageParticipant(row: ThreadParticipantRow): ThreadMessageParticipant {
  return { ...toTimelineParticipant(row), role: row.role };
}
