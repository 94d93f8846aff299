import type { Request, Response } from 'express';
import { GraphError } from '../errors/error-factory.js';
import { odataErrors } from '../odata/odata-errors.js';
import { field } from '../http/form-fields.js';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import type { UserRecord } from '../store/emulator-records.js';
import { graphCaller, requireScope, type GraphCaller } from './graph-auth.js';

// Graph's default property set for a user; anything else (otherMails included) only comes through $select.
const DEFAULT_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

// The user's structural properties in Graph v1.0 (https://learn.microsoft.com/graph/api/resources/user): one the
// emulator does not keep is 501, not the 400 Graph answers for a property it has never heard of.
const GRAPH_USER_PROPERTIES = new Set([
  'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'authorizationInfo', 'birthday',
  'businessPhones', 'city', 'companyName', 'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType',
  'customSecurityAttributes', 'deletedDateTime', 'department', 'displayName', 'employeeHireDate', 'employeeId',
  'employeeLeaveDateTime', 'employeeOrgData', 'employeeType', 'externalUserState', 'externalUserStateChangeDateTime',
  'faxNumber', 'givenName', 'hireDate', 'id', 'identities', 'imAddresses', 'interests', 'isResourceAccount', 'jobTitle',
  'lastPasswordChangeDateTime', 'legalAgeGroupClassification', 'licenseAssignmentStates', 'mail', 'mailboxSettings',
  'mailNickname', 'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName', 'onPremisesDomainName',
  'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors',
  'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSipInfo', 'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName', 'otherMails', 'passwordPolicies', 'passwordProfile', 'pastProjects', 'postalCode',
  'preferredDataLocation', 'preferredLanguage', 'preferredName', 'provisionedPlans', 'proxyAddresses', 'responsibilities',
  'schools', 'securityIdentifier', 'serviceProvisioningErrors', 'showInAddressList', 'signInActivity',
  'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation', 'userPrincipalName',
  'userType',
]);

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
  const unknown = select?.find((property) => !(property in resource) && !GRAPH_USER_PROPERTIES.has(property));
  if (unknown) {
    throw new GraphError(400, 'BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  }
  const unkept = select?.filter((property) => !(property in resource));
  if (unkept?.length) throw odataErrors.notImplemented(`the user properties ${unkept.join(', ')} (it keeps ${Object.keys(resource).join(', ')})`);
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
