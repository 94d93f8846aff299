import { MessageDirection, MessageParticipantRole, type ImportedMessage, type ImportedParticipant } from '@m365/shared-types';

interface GraphRecipient {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

export interface GraphMessage {
  id: string;
  conversationId?: string | null;
  internetMessageId?: string | null;
  subject?: string | null;
  body?: { contentType?: string; content?: string | null } | null;
  bodyPreview?: string | null;
  from?: GraphRecipient | null;
  sender?: GraphRecipient | null;
  toRecipients?: GraphRecipient[] | null;
  ccRecipients?: GraphRecipient[] | null;
  bccRecipients?: GraphRecipient[] | null;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  isDraft?: boolean | null;
  isRead?: boolean | null;
  changeKey?: string | null;
  '@removed'?: { reason: string };
}

/** The fields a delta page must carry for the CRM, so that messages arrive whole and need no GET each. */
export const MESSAGE_SELECT = [
  'id', 'conversationId', 'internetMessageId', 'subject', 'body', 'bodyPreview', 'from', 'sender',
  'toRecipients', 'ccRecipients', 'bccRecipients', 'receivedDateTime', 'sentDateTime', 'isDraft', 'isRead', 'changeKey',
].join(',');

function participants(role: MessageParticipantRole, recipients: Array<GraphRecipient | null | undefined>): ImportedParticipant[] {
  return recipients.flatMap((recipient) => {
    const address = recipient?.emailAddress?.address?.trim();
    return address ? [{ role, handle: address.toLowerCase(), displayName: recipient?.emailAddress?.name?.trim() || address }] : [];
  });
}

/** Strips what an html body carries besides its text, for the rare server that ignores the text preference. */
function toText(body: GraphMessage['body'], preview: string | null | undefined): string {
  const content = body?.content ?? preview ?? '';
  if (body?.contentType?.toLowerCase() !== 'html') return content.trim();
  return content.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Graph message → what the host stores. `ownHandles` (the mailbox and its aliases) decide the direction. */
export function toImportedMessage(message: GraphMessage, ownHandles: Set<string>): ImportedMessage {
  const from = participants(MessageParticipantRole.FROM, [message.from ?? message.sender]);
  const sender = from[0]?.handle ?? '';
  return {
    externalId: message.id,
    threadExternalId: message.conversationId || message.id,
    headerMessageId: message.internetMessageId || message.id,
    subject: message.subject ?? '',
    text: toText(message.body, message.bodyPreview),
    receivedAt: new Date(message.receivedDateTime ?? message.sentDateTime ?? Date.now()),
    direction: ownHandles.has(sender) ? MessageDirection.OUTGOING : MessageDirection.INCOMING,
    participants: [
      ...from,
      ...participants(MessageParticipantRole.TO, message.toRecipients ?? []),
      ...participants(MessageParticipantRole.CC, message.ccRecipients ?? []),
      ...participants(MessageParticipantRole.BCC, message.bccRecipients ?? []),
    ],
  };
}
