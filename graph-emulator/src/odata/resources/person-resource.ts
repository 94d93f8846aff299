import { spec, type ResourceSchema } from '../resource-schema.js';

const SCORED = { address: 'String', relevanceScore: 'String', selectionLikelihood: 'Enum' } as const;
const PERSON_TYPE = { class: 'String', subclass: 'String' } as const;
const PHONE = { type: 'Enum', number: 'String' } as const;
const WEBSITE = { type: 'Enum', address: 'String', displayName: 'String' } as const;
const ADDRESS = { type: 'Enum', street: 'String', city: 'String', state: 'String', countryOrRegion: 'String', postalCode: 'String' } as const;
const noQuery = { filter: false, sort: false };

/** microsoft.graph.person (v1.0; person.md), in the docs' order; `filter`/`sort` false = the emulator does not (501). */
export const PERSON_RESOURCE: ResourceSchema = {
  type: 'person',
  properties: [
    spec.scalar('id', 'String', noQuery),
    spec.scalar('displayName', 'String'),
    spec.scalar('givenName', 'String'),
    spec.scalar('surname', 'String'),
    spec.scalar('birthday', 'String', noQuery),
    spec.scalar('personNotes', 'String', noQuery),
    spec.scalar('isFavorite', 'Boolean', noQuery),
    spec.scalar('jobTitle', 'String'),
    spec.scalar('companyName', 'String'),
    spec.scalar('yomiCompany', 'String', noQuery),
    spec.scalar('department', 'String'),
    spec.scalar('officeLocation', 'String', noQuery),
    spec.scalar('profession', 'String', noQuery),
    spec.scalar('userPrincipalName', 'String', noQuery),
    spec.scalar('imAddress', 'String', noQuery),
    spec.complex('scoredEmailAddresses', SCORED, { collection: true }),
    spec.complex('phones', PHONE, { collection: true }),
    spec.complex('postalAddresses', ADDRESS, { collection: true }),
    spec.complex('websites', WEBSITE, { collection: true }),
    spec.complex('personType', PERSON_TYPE, { filter: true }),
  ],
  expand: {},
  // Answered by the people handler (fuzzy on names and addresses), not by KQL.
  search: null,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
