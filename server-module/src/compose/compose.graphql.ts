import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OutgoingKind, OutgoingStatus, OutgoingStep } from './compose.constants.js';

registerEnumType(OutgoingStatus, { name: 'MicrosoftOutgoingStatus' });
registerEnumType(OutgoingStep, { name: 'MicrosoftOutgoingStep' });
registerEnumType(OutgoingKind, { name: 'MicrosoftOutgoingKind' });

export enum ResponseKind {
  REPLY = 'REPLY',
  REPLY_ALL = 'REPLY_ALL',
  FORWARD = 'FORWARD',
}
registerEnumType(ResponseKind, { name: 'MicrosoftResponseKind' });

@InputType('MicrosoftRecipientInput')
export class RecipientInput {
  @Field(() => String) address!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType('MicrosoftDraftInput')
export class DraftInputType {
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true, description: 'HTML; sanitised before it goes to Outlook' }) bodyHtml?: string | null;
  @Field(() => [RecipientInput], { nullable: true }) to?: RecipientInput[] | null;
  @Field(() => [RecipientInput], { nullable: true }) cc?: RecipientInput[] | null;
  @Field(() => [RecipientInput], { nullable: true }) bcc?: RecipientInput[] | null;
}

@ObjectType('MicrosoftRecipient')
export class RecipientType {
  @Field(() => String) address!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@ObjectType('MicrosoftOutgoingAttachment')
export class OutgoingAttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int) size!: number;
  @Field(() => String, { description: 'UPLOADING, UPLOADED or FAILED' }) status!: string;
  @Field(() => Int) uploadedBytes!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
}

@ObjectType('MicrosoftOutgoingMessage', { description: 'A draft or a send, as far as it got at Microsoft' })
export class OutgoingMessageType {
  @Field(() => ID) id!: string;
  @Field(() => ID) connectedAccountId!: string;
  @Field(() => OutgoingKind) kind!: OutgoingKind;
  @Field(() => OutgoingStep) step!: OutgoingStep;
  @Field(() => OutgoingStatus) status!: OutgoingStatus;
  @Field(() => String) subject!: string;
  @Field(() => String, { description: 'What the member wrote, without the quoted original' }) bodyHtml!: string;
  @Field(() => String, { nullable: true, description: 'The original Outlook quoted under a reply or forward (sanitised); sent below bodyHtml, once' }) quotedBodyHtml!: string | null;
  @Field(() => [RecipientType]) toRecipients!: RecipientType[];
  @Field(() => [RecipientType]) ccRecipients!: RecipientType[];
  @Field(() => [RecipientType]) bccRecipients!: RecipientType[];
  @Field(() => [OutgoingAttachmentType]) attachments!: OutgoingAttachmentType[];
  @Field(() => Boolean, { description: 'The Outlook draft holds the latest version' }) savedToOutlook!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) savedToOutlookAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a queued send goes (Outlook asked us to wait)' }) queuedUntil!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) sentAt!: Date | null;
  @Field(() => String, { nullable: true }) errorCode!: string | null;
  @Field(() => String, { nullable: true }) errorMessage!: string | null;
}

@ObjectType('MicrosoftComposeCapability')
export class ComposeCapabilityType {
  @Field(() => ID) connectedAccountId!: string;
  @Field(() => String) handle!: string;
  @Field(() => Boolean) canSend!: boolean;
  @Field(() => Boolean, { description: 'Mark read / unread and Archive (Mail.ReadWrite)' }) canManageMail!: boolean;
  @Field(() => String, { nullable: true }) sendUnavailableReason!: string | null;
}

@ObjectType('MicrosoftThreadMailState')
export class ThreadMailStateType {
  @Field(() => ID) messageThreadId!: string;
  @Field(() => Boolean) canManage!: boolean;
  @Field(() => ID, { nullable: true }) connectedAccountId!: string | null;
  @Field(() => Boolean) canSend!: boolean;
  @Field(() => String, { nullable: true }) sendUnavailableReason!: string | null;
  @Field(() => Int) messageCount!: number;
  @Field(() => Int) unreadCount!: number;
  @Field(() => Boolean) isRead!: boolean;
}
