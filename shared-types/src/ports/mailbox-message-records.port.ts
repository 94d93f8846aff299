/** One CRM message as one channel knows it: the host's message id and Outlook's id for it in that mailbox. */
export interface ChannelMessageRef {
  messageChannelId: string;
  messageId: string;
  messageThreadId: string | null;
  externalId: string;
}

/**
 * What compose and the thread actions need of the host's mail records: which Outlook message a CRM message or thread
 * is in the member's own channels, and where a message went after the plugin moved it.
 */
export interface MailboxMessageRecordsPort {
  /** The message's (or the thread's messages') refs in these channels only, oldest first. */
  findChannelMessages(workspaceId: string, messageChannelIds: string[], target: { messageId?: string; messageThreadId?: string }): Promise<ChannelMessageRef[]>;
  /**
   * A move gave the message a new Outlook id in another folder: the channel's association follows it at once, so the
   * delta pages that report the move (removed from one folder, added to another) find it already in place.
   */
  relocateMessage(workspaceId: string, messageChannelId: string, fromExternalId: string, toExternalId: string, folderExternalId: string | null): Promise<void>;
  /** The distinct participant addresses of a thread the member's channels hold (nothing for another member's thread). */
  findThreadParticipantHandles(workspaceId: string, messageChannelIds: string[], messageThreadId: string): Promise<string[]>;
}
