import { graph } from '../../../errors/error-factory.js';
import type { EmulatorContext } from '../../../http/emulator-context.js';
import { odataErrors } from '../../../odata/odata-errors.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { AutomaticRepliesRecord } from '../../../store/mail/outbound/outbound-records.js';
import type { GraphCall, GraphResult } from '../../graph-call.js';
import { mailboxAccess } from '../mail-access.js';
import { composeErrors } from './compose-errors.js';
import { isAddress, member } from './message-input.js';

// mailTipsType (user-getmailtips.md): the flags answered, and those the emulator lacks the data for.
const ANSWERED = ['automaticReplies', 'mailboxFullStatus', 'maxMessageSize', 'recipientScope'];
const NOT_ANSWERED = ['customMailTip', 'deliveryRestriction', 'externalMemberCount', 'moderationStatus', 'recipientSuggestions', 'totalMemberCount'];
// user-getmailtips-permissions.md: Mail.Read is the least privileged.

// dateTimeTimeZone as Graph writes it: seven fractional digits, no offset.
const utc = (iso: string | null) => (iso ? { dateTime: new Date(iso).toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}0000`), timeZone: 'UTC' } : undefined);

/** The automatic reply `sender` sees from `recipient` now: the internal message within the tenant, the external one outside it. */
function automaticReply(setting: AutomaticRepliesRecord, active: boolean, internal: boolean): Record<string, unknown> {
  const message = !active ? '' : internal ? setting.internalReplyMessage : setting.externalAudience === 'all' ? setting.externalReplyMessage : '';
  if (!message) return { message: '' };
  return {
    message,
    messageLanguage: { locale: 'en-US', displayName: 'English (United States)' },
    ...(setting.status === 'scheduled'
      ? { scheduledStartTime: utc(setting.scheduledStartDateTime), scheduledEndTime: utc(setting.scheduledEndDateTime) }
      : {}),
  };
}

function tipFor(context: EmulatorContext, sender: UserRecord, address: string, options: string[]): Record<string, unknown> {
  const recipient = context.store.findUser(address);
  const internal = recipient !== undefined && recipient.tenantId === sender.tenantId;
  const tip: Record<string, unknown> = { emailAddress: { name: recipient?.displayName ?? address, address } };
  if (options.includes('automaticReplies')) {
    tip.automaticReplies = recipient
      ? automaticReply(context.store.outbound.getAutomaticReplies(recipient.id), context.store.outbound.automaticReplyActive(recipient.id), internal)
      : { message: '' };
  }
  if (options.includes('mailboxFullStatus')) tip.mailboxFull = false;
  if (options.includes('maxMessageSize')) tip.maxMessageSize = context.store.outbound.getSettings().maxMessageSizeBytes;
  if (options.includes('recipientScope')) tip.recipientScope = internal ? 'internal' : 'external';
  return tip;
}

/**
 * `POST /me/getMailTips` `{EmailAddresses, MailTipsOptions}` → 200 `{value: [mailTips]}` (Mail.Read;
 * user-getmailtips.md). Answers automaticReplies, mailboxFullStatus, maxMessageSize and recipientScope; the other
 * documented options are 501, naming them.
 */
export function getMailTips(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) throw graph.invalidRequest('The request body must be a JSON object.');
  const args = call.body as Record<string, unknown>;
  for (const key of Object.keys(args)) {
    if (!['emailaddresses', 'mailtipsoptions'].includes(key.toLowerCase())) throw composeErrors.unknownProperty(key, 'getMailTips action parameter');
  }
  const addresses = member(args, 'EmailAddresses');
  if (!Array.isArray(addresses) || addresses.length === 0 || addresses.some((a) => typeof a !== 'string')) {
    throw composeErrors.badValue('EmailAddresses', 'a collection of email addresses');
  }
  const rawOptions = member(args, 'MailTipsOptions');
  if (typeof rawOptions !== 'string' || rawOptions.trim() === '') throw composeErrors.badValue('MailTipsOptions', 'a comma-separated list of mail tips');
  const options = rawOptions.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const known = [...ANSWERED, ...NOT_ANSWERED].find((name) => name.toLowerCase() === part.toLowerCase());
    if (!known) throw composeErrors.badValue('MailTipsOptions', `'${part}' is not a mailTipsType`);
    if (NOT_ANSWERED.includes(known)) throw odataErrors.notImplemented(`the '${known}' mail tip`);
    return known;
  });
  const value = (addresses as string[]).map((address) => {
    if (!isAddress(address.trim())) {
      return { emailAddress: { name: '', address }, error: { code: 'ErrorInvalidSmtpAddress', message: `'${address}' is not a valid SMTP address.` } };
    }
    return tipFor(context, user, address.trim(), options);
  });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#Collection(microsoft.graph.mailTips)`, value } };
}
