import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { PERSON_RESOURCE } from '../../odata/resources/person-resource.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { matchesPeopleSearch, peopleOf, type PersonEntry } from './people-index.js';

const PEOPLE_SCOPES = ['people.read', 'people.read.all'];

function personProperty(person: PersonEntry, name: string): unknown {
  switch (name) {
    case 'id': return person.id;
    case 'displayName': return person.displayName;
    case 'givenName': return person.givenName;
    case 'surname': return person.surname;
    case 'birthday': return '';
    case 'personNotes': return '';
    case 'isFavorite': return false;
    case 'jobTitle': return person.jobTitle;
    case 'companyName': return null;
    case 'yomiCompany': return '';
    case 'department': return person.department;
    case 'officeLocation': return null;
    case 'profession': return '';
    case 'userPrincipalName': return person.userPrincipalName ?? '';
    case 'imAddress': return person.subclass === 'OrganizationUser' ? `sip:${person.address}` : null;
    case 'scoredEmailAddresses':
      return [{ address: person.address, relevanceScore: Math.round(person.score * 10) / 10, selectionLikelihood: 'notSpecified' }];
    case 'phones': return [];
    case 'postalAddresses': return [];
    case 'websites': return [];
    case 'personType': return { class: 'Person', subclass: person.subclass };
    default: return undefined;
  }
}

function personJson(person: PersonEntry, select?: string[]): Record<string, unknown> {
  const json: Record<string, unknown> = { id: person.id };
  for (const name of select ?? PERSON_RESOURCE.properties.map((property) => property.name).filter((n) => n !== 'id')) json[name] = personProperty(person, name);
  return json;
}

/** `$search` of people: a name or alias, quoted or not; the `topic:` keyword searches topics the emulator lacks. */
function searchTerms(raw: string): string[] {
  let text = raw.trim();
  if (/^".*"$/.test(text)) text = text.slice(1, -1);
  if (/\btopic:/i.test(text)) throw odataErrors.notImplemented("the 'topic:' keyword in people $search");
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw odataErrors.syntax('$search', raw);
  return terms;
}

/**
 * `GET /me/people` (People.Read; user-list-people.md): the user's people, most relevant first, relevance derived
 * from their mail. `$search` (fuzzy on names and addresses; only for the signed-in user; not with `$skip`), `$top`,
 * `$skip`, `$select`, `$filter` and `$orderby` through the query engine.
 */
export function listPeople(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const held = new Set(call.caller.scopes.map((scope) => scope.toLowerCase()));
  if (!PEOPLE_SCOPES.some((scope) => held.has(scope))) throw graph.accessDenied();
  let user = call.caller.user;
  if (userSegment) {
    const found = context.store.findUser(userSegment);
    if (!found) throw graph.invalidUser(userSegment);
    // Another user's people need People.Read.All and an app or admin context the emulator does not model.
    if (found.id !== user.id) throw graph.accessDenied();
    user = found;
  }
  const rest = new URLSearchParams();
  let search: string | undefined;
  for (const [key, value] of call.query) {
    if (key.toLowerCase() === '$search') {
      if (search !== undefined) throw odataErrors.syntax('$search', value);
      search = value;
    } else rest.append(key, value);
  }
  const query = parseQuery(rest, PERSON_RESOURCE, { allowed: ['$select', '$filter', '$orderby', '$top', '$skip'] });
  if (search !== undefined && query.skip !== undefined) throw odataErrors.notSupportedWith('$skip', '$search');
  const terms = search === undefined ? undefined : searchTerms(search);
  const people = peopleOf(context.store, user).filter((person) => !terms || matchesPeopleSearch(person, terms));
  const size = pageSize(call, PERSON_RESOURCE, query);
  const page = runQuery({ schema: PERSON_RESOURCE, all: () => people, read: personProperty }, query, size.size);
  // With $search there is no next page: $skip cannot follow it.
  if (terms) delete page.nextSkip;
  const body = collectionBody(call, {
    context: `${call.origin}/v1.0/$metadata#users('${user.id}')/people${query.select ? `(${query.select.join(',')})` : ''}`,
    linkPath: userSegment ? `/users/${encodeURIComponent(userSegment)}/people` : '/me/people',
    query,
    page,
    values: page.items.map((person) => personJson(person, query.select)),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}
