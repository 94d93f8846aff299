import { GraphError } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import { odataErrors } from '../odata/odata-errors.js';
import { parseQuery } from '../odata/query-options.js';
import { findProperty } from '../odata/resource-schema.js';
import { BASIC_USER_PROPERTIES, USER_PROPERTIES_NOT_KEPT, USER_RESOURCE } from '../odata/resources/user-resource.js';
import type { UserRecord } from '../store/emulator-records.js';
import type { GraphCall, GraphResult } from './graph-call.js';
import { holdsAny, insufficientPrivileges, isPersonalAccount } from './route-permissions.js';

const DEFAULT_PROPERTIES = USER_RESOURCE.properties.filter((property) => property.default).map((property) => property.name);
// Reading users other than the signed-in one (user-get's permissions table, User.Read and User.ReadWrite apart).
const OTHER_USERS_BASIC = ['User.ReadBasic.All'];
const OTHER_USERS_FULL = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function userValues(user: UserRecord): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    otherMails: user.otherMails,
  };
}

/**
 * `$select` in the order asked, canonical names (case-insensitive, `*` = every property); id only when selected, as
 * Graph answers directory objects. A documented property the directory does not keep is 501; an unknown one, Graph's 400.
 */
function selected(call: GraphCall): string[] | undefined {
  const text = [...call.query].find(([key]) => key.toLowerCase() === '$select')?.[1];
  for (const part of (text ?? '').split(',').map((p) => p.trim())) {
    const lacking = USER_PROPERTIES_NOT_KEPT.find((name) => name.toLowerCase() === part.toLowerCase());
    if (lacking) throw odataErrors.notImplemented(`the user property '${lacking}' (its directory does not keep it)`);
  }
  parseQuery(call.query, USER_RESOURCE, { allowed: ['$select', '$expand'] });
  if (text === undefined) return undefined;
  const names: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const found = part === '*' ? USER_RESOURCE.properties.map((p) => p.name) : [findProperty(USER_RESOURCE, part)!.name];
    for (const name of found) if (!names.includes(name)) names.push(name);
  }
  return names;
}

function userResult(call: GraphCall, user: UserRecord, select: string[] | undefined): GraphResult {
  const values = userValues(user);
  const context = `${call.origin}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`;
  return {
    status: 200,
    body: { '@odata.context': context, ...Object.fromEntries((select ?? DEFAULT_PROPERTIES).map((name) => [name, values[name]])) },
  };
}

/** `GET /me`: the signed-in user, with `$select` (and `$expand`, 501 for every relationship). */
export function getMe(_context: EmulatorContext, call: GraphCall): GraphResult {
  return userResult(call, call.caller.user, selected(call));
}

function userNotFound(segment: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound', `Resource '${segment}' does not exist or one of its queried reference-property objects are not present.`);
}

/**
 * `GET /users/{id | userPrincipalName}`: the signed-in user with the permissions of `/me`; another user of the same
 * tenant needs User.ReadBasic.All (its basic properties only) or a higher directory permission (403 otherwise).
 * A personal account sees only itself.
 */
export function getUser(context: EmulatorContext, call: GraphCall, [path, quoted]: string[]): GraphResult {
  const segment = path || quoted;
  const caller = call.caller;
  const user = context.store.findUser(segment!);
  if (!user || user.tenantId !== caller.user.tenantId) throw userNotFound(segment!);
  const select = selected(call);
  if (user.id === caller.user.id) return userResult(call, user, select);
  if (isPersonalAccount(caller)) throw userNotFound(segment!);
  if (holdsAny(caller, OTHER_USERS_FULL)) return userResult(call, user, select);
  if (!holdsAny(caller, OTHER_USERS_BASIC)) throw insufficientPrivileges();
  const beyondBasic = (select ?? DEFAULT_PROPERTIES).filter((name) => !BASIC_USER_PROPERTIES.includes(name));
  if (beyondBasic.length > 0) {
    throw odataErrors.notImplemented(
      `reading ${beyondBasic.join(', ')} of another user with User.ReadBasic.All alone: $select among ${BASIC_USER_PROPERTIES.join(', ')}`,
    );
  }
  return userResult(call, user, select);
}
