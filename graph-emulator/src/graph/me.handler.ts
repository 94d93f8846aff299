import type { Request, Response } from 'express';
import { GraphError } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import type { UserRecord } from '../store/emulator-records.js';
import { graphCaller, requireScope, type GraphCaller } from './graph-auth.js';

// Graph's default property set for a user; anything else (otherMails included) only comes through $select.
const DEFAULT_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

function userResource(user: UserRecord): Record<string, unknown> {
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

/** The `/me` resource with `$select`, for the HTTP route and for `$batch` items. */
export function meResource(caller: GraphCaller, selectParameter: string | undefined, origin: string): Record<string, unknown> {
  requireScope(caller, ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All']);
  const resource = userResource(caller.user);
  const select = selectParameter?.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = select?.find((property) => !(property in resource));
  if (unknown) {
    throw new GraphError(400, 'BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  }
  const properties = select ?? DEFAULT_PROPERTIES;
  const context_ = `${origin}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`;
  return {
    '@odata.context': context_,
    ...Object.fromEntries(properties.map((property) => [property, resource[property]])),
  };
}

/** `GET /v1.0/me` with `$select`. */
export function meHandler(context: EmulatorContext) {
  return (req: Request, res: Response): void => {
    res.json(meResource(graphCaller(res), field(req.query as Record<string, unknown>, '$select'), requestOrigin(context, req)));
  };
}
