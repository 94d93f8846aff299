import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailAddress } from '../store/mail/mail-records.js';
import type { MessageView } from '../store/mail/mail-store.js';

const address = (value: EmailAddress) => ({ name: value.name, address: value.address });

/**
 * The message as RFC 5322 MIME, what `GET …/messages/{id}/$value` answers: the headers the message's
 * internetMessageHeaders give (Message-ID, In-Reply-To, References, Date), the body as text and HTML alternatives,
 * and multipart/mixed with its attachments (inline ones with a Content-ID go beside the HTML, as Outlook sends them).
 * https://learn.microsoft.com/en-us/graph/outlook-get-mime-message
 */
export function messageMime(view: MessageView): Promise<Buffer> {
  const headers = new Map(view.internetMessageHeaders().map((header) => [header.name.toLowerCase(), header.value]));
  const composer = new MailComposer({
    from: address(view.from),
    ...(view.sender.address !== view.from.address ? { sender: address(view.sender) } : {}),
    to: view.toRecipients.map(address),
    cc: view.ccRecipients.map(address),
    replyTo: view.replyTo.map(address),
    subject: view.subject,
    messageId: view.internetMessageId,
    ...(headers.has('in-reply-to') ? { inReplyTo: headers.get('in-reply-to') } : {}),
    ...(headers.has('references') ? { references: headers.get('references') } : {}),
    date: new Date(headers.get('date') ?? view.receivedDateTime),
    // RFC 2156's Importance header, which Outlook writes for mail that is not of normal importance.
    ...(view.importance !== 'normal' ? { headers: { Importance: view.importance } } : {}),
    text: view.body('text').content,
    html: view.body('html').content,
    attachments: view.attachments().map((attachment) => ({
      filename: attachment.name,
      content: attachment.bytes,
      contentType: attachment.contentType,
      ...(attachment.isInline ? (attachment.contentId ? { cid: attachment.contentId } : { contentDisposition: 'inline' }) : {}),
    })),
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message)));
  });
}
