import { GraphError } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery } from '../../odata/query-options.js';
import { MAILBOX_SETTINGS_RESOURCE } from '../../odata/resources/mailbox-settings-resource.js';
import { parseWall, requireZone, wallToInstant } from '../../calendar/time-zones.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { AutomaticRepliesRecord } from '../../store/mail/outbound/outbound-records.js';
import { MailboxSettingsError } from '../../store/mailbox-settings/in-memory-mailbox-settings-store.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { mailboxAccess, metadata } from '../mail/mail-access.js';
import { mailboxSettingsJson } from './mailbox-settings-shape.js';

// user-get-mailboxsettings.md: the parts that can be read on their own.
const PARTS = ['automaticRepliesSetting', 'dateFormat', 'delegateMeetingMessageDeliveryOptions', 'language', 'timeFormat', 'timeZone', 'workingHours', 'userPurpose'];
// user-update-mailboxsettings.md: the writable properties.
const WRITABLE = ['automaticRepliesSetting', 'dateFormat', 'delegateMeetingMessageDeliveryOptions', 'language', 'timeFormat', 'timeZone', 'workingHours'];
const READ_ONLY = ['archiveFolder', 'userPurpose'];

function settingsOf(context: EmulatorContext, user: UserRecord): Record<string, unknown> {
  const archive = context.store.mail.getFolder(user.id, 'archive');
  return {
    ...(archive ? { archiveFolder: archive.id } : {}),
    ...mailboxSettingsJson(context.store.mailboxSettings.get(user.id), context.store.outbound.getAutomaticReplies(user.id)),
  };
}

/** `GET /me/mailboxSettings` (`$select` of its properties) → 200 with every setting the mailbox has. */
export function getMailboxSettings(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const { select } = parseQuery(call.query, MAILBOX_SETTINGS_RESOURCE, { allowed: ['$select'] });
  const all = settingsOf(context, user);
  const chosen = select ? Object.fromEntries(Object.entries(all).filter(([key]) => select.includes(key))) : all;
  return { status: 200, body: { '@odata.context': metadata(call, user, 'mailboxSettings'), ...chosen } };
}

/**
 * `GET /me/mailboxSettings/{part}`: an object part (automaticRepliesSetting, language, workingHours) as the object,
 * a string part (timeZone, dateFormat, …) as `{value}` (the userPurpose example's form).
 */
export function getMailboxSettingsPart(context: EmulatorContext, call: GraphCall, [userSegment, part]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  parseQuery(call.query, MAILBOX_SETTINGS_RESOURCE, { allowed: [] });
  const name = PARTS.find((candidate) => candidate.toLowerCase() === part!.toLowerCase())!;
  const value = settingsOf(context, user)[name];
  const body = typeof value === 'object' && value !== null ? { ...value } : { value };
  return { status: 200, body: { '@odata.context': metadata(call, user, `mailboxSettings/${name}`), ...body } };
}

function invalid(error: unknown): never {
  if (error instanceof MailboxSettingsError) throw new GraphError(400, error.code, error.message);
  if (error instanceof TypeError) throw new GraphError(400, 'ErrorInvalidRequest', error.message);
  throw error;
}

/** A dateTimeTimeZone of the request as an ISO instant. */
function instant(value: unknown, name: string): string {
  const { dateTime, timeZone } = (value ?? {}) as { dateTime?: unknown; timeZone?: unknown };
  const wall = typeof dateTime === 'string' ? parseWall(dateTime.replace(/Z$/i, '')) : undefined;
  if (wall === undefined) throw new GraphError(400, 'RequestBodyRead', `Cannot convert the value of '${name}' to a dateTimeTimeZone.`);
  return new Date(wallToInstant(wall, requireZone(timeZone ?? 'UTC'))).toISOString();
}

/** automaticRepliesSetting as the client wrote it (`"Scheduled"`, `"All"` are the examples' spellings) → the outbound store's patch. */
function repliesPatch(input: unknown): Partial<AutomaticRepliesRecord> {
  if (typeof input !== 'object' || input === null) throw new GraphError(400, 'RequestBodyRead', 'automaticRepliesSetting must be an object.');
  const patch: Partial<AutomaticRepliesRecord> = {};
  const enumValue = (value: unknown, allowed: string[], name: string) => {
    const found = allowed.find((candidate) => typeof value === 'string' && candidate.toLowerCase() === value.toLowerCase());
    if (!found) throw new GraphError(400, 'RequestBodyRead', `Requested value '${String(value)}' was not found for '${name}'.`);
    return found;
  };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'status') patch.status = enumValue(value, ['disabled', 'alwaysEnabled', 'scheduled'], key) as AutomaticRepliesRecord['status'];
    else if (key === 'externalAudience') patch.externalAudience = enumValue(value, ['none', 'contactsOnly', 'all'], key) as AutomaticRepliesRecord['externalAudience'];
    else if (key === 'internalReplyMessage' || key === 'externalReplyMessage') {
      if (typeof value !== 'string') throw new GraphError(400, 'RequestBodyRead', `${key} must be a string.`);
      patch[key] = value;
    } else if (key === 'scheduledStartDateTime' || key === 'scheduledEndDateTime') patch[key] = instant(value, key);
    else if (!key.startsWith('@odata.')) throw new GraphError(400, 'RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.automaticRepliesSetting'.`);
  }
  return patch;
}

/**
 * `PATCH /me/mailboxSettings` with any writable setting → 200 with the properties changed
 * (user-update-mailboxsettings.md, with its documented working-hours errors). Checked whole before any is applied.
 */
export function patchMailboxSettings(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  parseQuery(call.query, MAILBOX_SETTINGS_RESOURCE, { allowed: [] });
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GraphError(400, 'RequestBodyRead', 'The request body must be a mailboxSettings object.');
  const settingsPatch: Record<string, unknown> = {};
  let replies: Partial<AutomaticRepliesRecord> | undefined;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.startsWith('@odata.')) continue;
    if (READ_ONLY.includes(key)) throw new GraphError(400, 'ErrorInvalidRequest', `The property '${key}' is read-only.`);
    if (!WRITABLE.includes(key)) throw new GraphError(400, 'RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.mailboxSettings'. Make sure to only use property names that are defined by the type.`);
    if (key === 'automaticRepliesSetting') replies = repliesPatch(value);
    else if (key === 'workingHours' && typeof (value as { timeZone?: { '@odata.type'?: unknown } } | null)?.timeZone?.['@odata.type'] === 'string'
      && /customTimeZone/i.test(String((value as { timeZone: { '@odata.type': string } }).timeZone['@odata.type']))) {
      throw odataErrors.notImplemented('custom time zones (#microsoft.graph.customTimeZone) in working hours: give a Windows or IANA zone name');
    } else settingsPatch[key] = value;
  }
  // Both parts are checked before either is kept.
  const before = { settings: context.store.mailboxSettings.get(user.id), replies: context.store.outbound.getAutomaticReplies(user.id) };
  try {
    context.store.mailboxSettings.update(user.id, settingsPatch);
    if (replies) context.store.outbound.setAutomaticReplies(user.id, replies);
  } catch (error) {
    context.store.mailboxSettings.update(user.id, { ...before.settings, freeBusySharing: before.settings.freeBusySharing });
    invalid(error);
  }
  const all = settingsOf(context, user);
  const changed = Object.fromEntries(Object.keys(body as object).filter((key) => key in all).map((key) => [key, all[key]]));
  return { status: 200, body: { '@odata.context': metadata(call, user, 'mailboxSettings'), ...changed } };
}

export const MAILBOX_SETTINGS_PARTS = PARTS;
