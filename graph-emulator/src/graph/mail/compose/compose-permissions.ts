/**
 * The delegated permissions of the compose routes' API reference pages (least privileged first), in the shape of
 * the per-route permissions table; the handlers check them today (403 ErrorAccessDenied without one).
 */
const MAIL_WRITE = ['Mail.ReadWrite'];
const MAIL_SEND = ['Mail.Send'];

export const COMPOSE_PERMISSIONS = {
  'user-post-messages': MAIL_WRITE,
  'mailfolder-post-messages': MAIL_WRITE,
  'message-update': MAIL_WRITE,
  'message-send': MAIL_SEND,
  'user-sendmail': MAIL_SEND,
  'message-createreply': MAIL_WRITE,
  'message-createreplyall': MAIL_WRITE,
  'message-createforward': MAIL_WRITE,
  'message-reply': MAIL_SEND,
  'message-replyall': MAIL_SEND,
  'message-forward': MAIL_SEND,
  'message-post-attachments': MAIL_WRITE,
  'attachment-createuploadsession': MAIL_WRITE,
  'attachment-delete': MAIL_WRITE,
  // user-getmailtips-permissions.md: Mail.Read least privileged; Mail.ReadWrite allows every read Mail.Read does.
  'user-getmailtips': ['Mail.Read', 'Mail.ReadWrite', 'Mail.Read.Shared'],
  'user-get-mailboxsettings': ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  'user-list-people': ['People.Read', 'People.Read.All'],
} as const satisfies Record<string, readonly string[]>;
