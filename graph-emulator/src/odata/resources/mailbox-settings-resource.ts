import { resource, spec } from '../resource-schema.js';

const ZONED = { dateTime: 'String', timeZone: 'String' } as const;

/** microsoft.graph.mailboxSettings (v1.0): a single complex value, so only `$select` applies to it. */
export const MAILBOX_SETTINGS_RESOURCE = resource('mailboxSettings', [
  spec.scalar('archiveFolder', 'String'),
  spec.complex('automaticRepliesSetting', {
    status: 'Enum', externalAudience: 'Enum', internalReplyMessage: 'String', externalReplyMessage: 'String',
    scheduledStartDateTime: ZONED, scheduledEndDateTime: ZONED,
  }),
  spec.scalar('timeZone', 'String'),
  spec.complex('language', { locale: 'String', displayName: 'String' }),
  spec.complex('workingHours', { startTime: 'String', endTime: 'String', timeZone: { name: 'String' } }),
  spec.scalar('userPurpose', 'Enum'),
  ...spec.scalars('String', ['dateFormat', 'timeFormat']),
  spec.scalar('delegateMeetingMessageDeliveryOptions', 'Enum'),
], {}, { defaultTop: 1, maxTop: 1 });
