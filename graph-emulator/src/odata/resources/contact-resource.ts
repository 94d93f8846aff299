import { NOT_STORED, resource, spec } from '../resource-schema.js';

const ADDRESS = { street: 'String', city: 'String', state: 'String', countryOrRegion: 'String', postalCode: 'String' } as const;
const unsortedList = { collection: true, sort: false } as const;

/** microsoft.graph.contact (v1.0), in Graph's order; `filter`/`sort` false = the emulator does not (501). */
export const CONTACT_RESOURCE = resource('contact', [
  ...spec.outlookItem(),
  spec.scalar('parentFolderId', 'String'),
  spec.scalar('birthday', 'DateTimeOffset'),
  ...spec.scalars('String', [
    'fileAs', 'displayName', 'givenName', 'initials', 'middleName', 'nickName', 'surname', 'title', 'yomiGivenName',
    'yomiSurname', 'yomiCompanyName', 'generation',
  ]),
  spec.scalar('imAddresses', 'String', unsortedList),
  ...spec.scalars('String', [
    'jobTitle', 'companyName', 'department', 'officeLocation', 'profession', 'businessHomePage', 'assistantName', 'manager',
  ]),
  spec.scalar('homePhones', 'String', unsortedList),
  spec.scalar('mobilePhone', 'String'),
  spec.scalar('businessPhones', 'String', unsortedList),
  spec.scalar('spouseName', 'String'),
  spec.scalar('personalNotes', 'String', { filter: false, sort: false }),
  spec.scalar('children', 'String', unsortedList),
  spec.complex('emailAddresses', { name: 'String', address: 'String' }, { collection: true, filter: true }),
  spec.complex('homeAddress', ADDRESS),
  spec.complex('businessAddress', ADDRESS),
  spec.complex('otherAddress', ADDRESS),
], {
  ...NOT_STORED.extensions,
  photo: 'it stores no contact photos',
  ...NOT_STORED.extendedProperties,
});

/** microsoft.graph.contactFolder (v1.0). */
export const CONTACT_FOLDER_RESOURCE = resource('contactFolder', spec.scalars('String', ['id', 'displayName', 'parentFolderId']), {
  contacts: 'expanding the contacts of folders is not built yet (use /contactFolders/{id}/contacts)',
  childFolders: 'expanding child folders is not built yet (use /contactFolders/{id}/childFolders)',
  ...NOT_STORED.extendedProperties,
});
