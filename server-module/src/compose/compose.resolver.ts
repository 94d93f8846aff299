import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { sanitizeMailHtml } from './compose-html.sanitizer.js';
import { OutgoingKind } from './compose.constants.js';
import { ComposeException } from './compose.exception.js';
import { ComposeService, type OutgoingView } from './compose.service.js';
import { ComposeCapabilityType, DraftInputType, OutgoingMessageType, ResponseKind, ThreadMailStateType } from './compose.graphql.js';
import { ThreadMailActionsService } from './thread-mail-actions.service.js';

function toType(view: OutgoingView): OutgoingMessageType {
  return {
    id: view.id,
    connectedAccountId: view.connectedAccountId,
    kind: view.kind,
    step: view.step,
    status: view.status,
    subject: view.subject,
    bodyHtml: view.bodyHtml,
    quotedBodyHtml: view.quotedBodyHtml ? sanitizeMailHtml(view.quotedBodyHtml) : null,
    toRecipients: view.toRecipients,
    ccRecipients: view.ccRecipients,
    bccRecipients: view.bccRecipients,
    attachments: view.attachments,
    savedToOutlook: view.graphDraftId !== null && view.contentVersionSet >= view.contentVersion,
    savedToOutlookAt: view.savedToOutlookAt,
    queuedUntil: view.status === 'QUEUED' ? view.nextAttemptAt : null,
    sentAt: view.sentAt,
    errorCode: view.lastErrorCode,
    errorMessage: view.lastError,
  };
}

/** Compose errors reach the client with their code (INVALID_ADDRESS, DRAFT_CONFLICT, DAILY_LIMIT…) and plain words. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ComposeException) throw new GraphQLError(error.message, { extensions: { code: error.code, userError: true } });
    if (error instanceof MicrosoftGraphException) throw new GraphQLError(`Outlook: ${error.message}`, { extensions: { code: `MICROSOFT_${error.kind}` } });
    throw error;
  }
}

@Resolver()
export class ComposeResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(ComposeService) private readonly compose: ComposeService,
    @Inject(ThreadMailActionsService) private readonly threads: ThreadMailActionsService,
  ) {}

  @Query(() => [ComposeCapabilityType], { description: "What each of the member's Microsoft accounts allows: sending, and changing mail" })
  async microsoftComposeCapabilities(@Context() context: GraphqlRequestContext): Promise<ComposeCapabilityType[]> {
    return this.compose.capabilities(await requireMember(this.members, context));
  }

  @Query(() => OutgoingMessageType)
  async microsoftOutgoingMessage(@Context() context: GraphqlRequestContext, @Args('id', { type: () => ID }) id: string): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.view(member, id)));
  }

  @Mutation(() => OutgoingMessageType)
  async createMicrosoftDraft(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('input') input: DraftInputType,
  ): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.createDraft(member, connectedAccountId, input)));
  }

  @Mutation(() => OutgoingMessageType, { description: "Reply, reply all or forward from a message of the member's own mailbox (Outlook's createReply / createReplyAll / createForward draft)" })
  async createMicrosoftResponseDraft(
    @Context() context: GraphqlRequestContext,
    @Args('messageId', { type: () => ID }) messageId: string,
    @Args('kind', { type: () => ResponseKind }) kind: ResponseKind,
    @Args('input', { nullable: true }) input?: DraftInputType,
  ): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.createResponse(member, messageId, OutgoingKind[kind], input ?? {})));
  }

  @Mutation(() => OutgoingMessageType, { description: 'Saves the draft to Outlook under If-Match: a draft edited in Outlook meanwhile becomes CONFLICT unless `overwriteOutlookChanges`' })
  async updateMicrosoftDraft(
    @Context() context: GraphqlRequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: DraftInputType,
    @Args('overwriteOutlookChanges', { type: () => Boolean, nullable: true }) overwrite?: boolean,
  ): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.updateDraft(member, id, input, overwrite ?? false)));
  }

  @Mutation(() => OutgoingMessageType, { description: 'Sends exactly once, in a job; the answer is SENDING, then poll for SENT, QUEUED (with queuedUntil) or FAILED' })
  async sendMicrosoftDraft(@Context() context: GraphqlRequestContext, @Args('id', { type: () => ID }) id: string): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.send(member, id)));
  }

  @Mutation(() => OutgoingMessageType)
  async discardMicrosoftDraft(@Context() context: GraphqlRequestContext, @Args('id', { type: () => ID }) id: string): Promise<OutgoingMessageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toType(await this.compose.discard(member, id)));
  }

  @Query(() => ThreadMailStateType)
  async microsoftThreadMailState(@Context() context: GraphqlRequestContext, @Args('messageThreadId', { type: () => ID }) messageThreadId: string): Promise<ThreadMailStateType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.threads.state(member, messageThreadId));
  }

  @Mutation(() => ThreadMailStateType)
  async markMicrosoftThreadRead(
    @Context() context: GraphqlRequestContext,
    @Args('messageThreadId', { type: () => ID }) messageThreadId: string,
    @Args('read', { type: () => Boolean }) read: boolean,
  ): Promise<ThreadMailStateType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.threads.markRead(member, messageThreadId, read));
  }

  @Mutation(() => ThreadMailStateType, { description: "Moves the thread's messages to Outlook's Archive folder" })
  async archiveMicrosoftThread(@Context() context: GraphqlRequestContext, @Args('messageThreadId', { type: () => ID }) messageThreadId: string): Promise<ThreadMailStateType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.threads.archive(member, messageThreadId));
  }
}
