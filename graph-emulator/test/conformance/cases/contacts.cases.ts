import { absent, each, eq, like, type ConformanceCase, type Shape } from '../conformance-case.js';
import { JSON_HEADERS, OUTLOOK_ITEM, refused } from './shapes.js';
import { graphApi } from './sources.js';

// Every contacts route needs Contacts.* (`auth: 'contacts'`); the seeded contacts are in runner/fixtures.ts.

/** https://learn.microsoft.com/graph/api/resources/contact — every property, as List contacts returns them. */
const CONTACT: Shape = {
  ...OUTLOOK_ITEM,
  parentFolderId: 'string',
  birthday: 'string|null',
  fileAs: 'string|null',
  displayName: 'string',
  givenName: 'string|null',
  initials: 'string|null',
  middleName: 'string|null',
  nickName: 'string|null',
  surname: 'string|null',
  title: 'string|null',
  yomiGivenName: 'string|null',
  yomiSurname: 'string|null',
  yomiCompanyName: 'string|null',
  generation: 'string|null',
  imAddresses: 'array',
  jobTitle: 'string|null',
  companyName: 'string|null',
  department: 'string|null',
  officeLocation: 'string|null',
  profession: 'string|null',
  businessHomePage: 'string|null',
  assistantName: 'string|null',
  manager: 'string|null',
  homePhones: 'array',
  mobilePhone: 'string|null',
  businessPhones: 'array',
  spouseName: 'string|null',
  personalNotes: 'string|null',
  children: 'array',
  emailAddresses: 'array',
  homeAddress: 'object',
  businessAddress: 'object',
  otherAddress: 'object',
};
const FOLDER: Shape = { id: 'string', displayName: 'string', parentFolderId: 'string' };

export const contactCases: ConformanceCase[] = [
  {
    name: 'GET /me/contactFolders lists the default Contacts folder',
    source: graphApi('user-list-contactfolders'),
    request: { method: 'GET', path: '/v1.0/me/contactFolders', auth: 'contacts' },
    needs: ['contactFolderId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\/\$metadata#users\('[^']+'\)\/contactFolders$/), value: each({ ...FOLDER, displayName: eq('Contacts') }) },
    },
  },
  {
    name: 'POST /me/contactFolders creates a folder → 201',
    source: graphApi('user-post-contactfolders'),
    request: { method: 'POST', path: '/v1.0/me/contactFolders', auth: 'contacts', body: { displayName: 'Important contacts' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...FOLDER, displayName: eq('Important contacts') } },
  },
  {
    name: 'GET /me/contactFolders/{id} returns the folder',
    source: graphApi('contactfolder-get'),
    request: { method: 'GET', path: '/v1.0/me/contactFolders/{contactFolderId}', auth: 'contacts' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...FOLDER, id: eq('{contactFolderId}') } },
  },
  {
    name: 'GET /me/contactFolders/{id}/childFolders lists the folders under one',
    source: graphApi('contactfolder-list-childfolders'),
    request: { method: 'GET', path: '/v1.0/me/contactFolders/{contactFolderId}/childFolders', auth: 'contacts' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...FOLDER, parentFolderId: eq('{contactFolderId}') }) } },
  },
  {
    name: 'POST /me/contactFolders/{id}/childFolders creates a folder under one → 201',
    source: graphApi('contactfolder-post-childfolders'),
    request: { method: 'POST', path: '/v1.0/me/contactFolders/{contactFolderId}/childFolders', auth: 'contacts', body: { displayName: 'Family' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...FOLDER, parentFolderId: eq('{contactFolderId}') } },
  },
  {
    name: 'GET /me/contacts lists the default folder\'s contacts with every property',
    source: graphApi('user-list-contacts'),
    request: { method: 'GET', path: '/v1.0/me/contacts', auth: 'contacts' },
    needs: ['contactId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.context': like(/\/\$metadata#users\('[^']+'\)\/contacts$/), value: each({ ...CONTACT, parentFolderId: eq('{contactFolderId}') }) },
    },
  },
  {
    name: "GET /me/contacts with $filter on emailAddresses/any and $select gives only the matching contact's selected properties",
    source: graphApi('user-list-contacts'),
    request: { method: 'GET', path: '/v1.0/me/contacts', auth: 'contacts', query: { $filter: "emailAddresses/any(a:a/address eq 'pavelb@fabrikam.onmicrosoft.com')", $select: 'displayName,emailAddresses' } },
    needs: ['contactId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { value: each({ id: eq('{contactId}'), displayName: eq('Pavel Bansky'), emailAddresses: 'array', givenName: absent() }) },
    },
  },
  {
    name: 'GET /me/contacts/$count counts them',
    source: graphApi('user-list-contacts'),
    request: { method: 'GET', path: '/v1.0/me/contacts/$count', auth: 'contacts' },
    needs: ['contactId'],
    expect: { status: 200, text: /^2$/ },
  },
  {
    name: 'GET /me/contactFolders/{id}/contacts lists one folder\'s contacts',
    source: graphApi('contactfolder-list-contacts'),
    request: { method: 'GET', path: '/v1.0/me/contactFolders/{contactChildFolderId}/contacts', auth: 'contacts' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...CONTACT, parentFolderId: eq('{contactChildFolderId}') }) } },
  },
  {
    name: 'POST /me/contacts creates a contact → 201 with its id and times',
    source: graphApi('user-post-contacts'),
    request: {
      method: 'POST',
      path: '/v1.0/me/contacts',
      auth: 'contacts',
      body: { givenName: 'Pavel', surname: 'Bansky', emailAddresses: [{ address: 'pavelb@fabrikam.onmicrosoft.com', name: 'Pavel Bansky' }], businessPhones: ['+1 732 555 0102'] },
    },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...CONTACT, displayName: eq('Pavel Bansky') } },
  },
  {
    name: 'POST /me/contactFolders/{id}/contacts creates a contact in that folder → 201',
    source: graphApi('contactfolder-post-contacts'),
    request: { method: 'POST', path: '/v1.0/me/contactFolders/{contactChildFolderId}/contacts', auth: 'contacts', body: { givenName: 'Pavel', surname: 'Bansky' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...CONTACT, parentFolderId: eq('{contactChildFolderId}') } },
  },
  {
    name: 'GET /me/contacts/{id} returns the contact',
    source: graphApi('contact-get'),
    request: { method: 'GET', path: '/v1.0/me/contacts/{contactId}', auth: 'contacts' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...CONTACT, id: eq('{contactId}') } },
  },
  {
    name: 'PATCH /me/contacts/{id} updates the contact → 200 with it',
    source: graphApi('contact-update'),
    request: { method: 'PATCH', path: '/v1.0/me/contacts/{contactId}', auth: 'contacts', body: { homeAddress: { street: '123 Some street', city: 'Seattle', state: 'WA', postalCode: '98121' }, birthday: '1974-07-22T00:00:00Z' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...CONTACT, homeAddress: { street: eq('123 Some street'), city: eq('Seattle') }, birthday: eq('1974-07-22T00:00:00Z') } },
  },
  {
    name: 'DELETE /me/contacts/{id} → 204',
    source: graphApi('contact-delete'),
    request: { method: 'DELETE', path: '/v1.0/me/contacts/{contactId}', auth: 'contacts' },
    expect: { status: 204 },
  },
  {
    name: 'GET /me/contactFolders/{id}/contacts/delta with $select=displayName and a page size of 2 gives selected contacts and a nextLink',
    source: graphApi('contact-delta'),
    request: { method: 'GET', path: '/v1.0/me/contactFolders/{contactFolderId}/contacts/delta', auth: 'contacts', query: { $select: 'displayName' }, headers: { Prefer: 'odata.maxpagesize=1' } },
    needs: ['contactId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        '@odata.nextLink': like(/\/contactFolders\/[^/]+\/contacts\/delta\?\$skiptoken=[^&]+$/),
        value: each({ '@odata.type': eq('#microsoft.graph.contact'), id: 'string', displayName: 'string', givenName: absent() }),
      },
    },
  },
  {
    name: 'GET a contacts deltaLink after a deletion returns the contact under @removed and a new deltaLink',
    source: graphApi('contact-delta'),
    request: { method: 'GET', path: '{removedContactDeltaPath}', auth: 'contacts' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.deltaLink': like(/\/contacts\/delta\?\$deltatoken=/), value: each({ id: eq('{contactId}'), '@removed': { reason: eq('deleted') } }) },
    },
  },
  ...refused([
    {
      name: 'GET /me/contactFolders/delta (Graph: folder changes)',
      source: graphApi('contactfolder-delta'),
      request: { method: 'GET', path: '/v1.0/me/contactFolders/delta', auth: 'contacts' },
      refusal: 'contact folder delta is not implemented',
    },
    {
      name: 'PATCH /me/contactFolders/{id} (Graph: 200 with the renamed folder)',
      source: graphApi('contactfolder-update'),
      request: { method: 'PATCH', path: '/v1.0/me/contactFolders/{contactChildFolderId}', auth: 'contacts', body: { displayName: 'Clients' } },
      refusal: 'contact folders are created but never changed in the emulator',
    },
    {
      name: 'DELETE /me/contactFolders/{id} (Graph: 204)',
      source: graphApi('contactfolder-delete'),
      request: { method: 'DELETE', path: '/v1.0/me/contactFolders/{contactChildFolderId}', auth: 'contacts' },
      refusal: 'deleting a contact folder (and the contacts in it) is not implemented',
    },
    {
      name: 'GET /me/contacts/delta (not in the v1.0 reference: delta is per folder)',
      source: graphApi('contact-delta'),
      request: { method: 'GET', path: '/v1.0/me/contacts/delta', auth: 'contacts' },
      refusal: 'the v1.0 reference has contacts delta per folder only',
    },
  ]),
];
