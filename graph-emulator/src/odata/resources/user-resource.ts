import { spec, type PropertySpec, type ResourceSchema } from '../resource-schema.js';

const property = (name: string, options: Partial<PropertySpec> = {}): PropertySpec =>
  spec.scalar(name, 'String', { filter: false, sort: false, ...options });

/**
 * microsoft.graph.user (v1.0) as `GET /me` and `GET /users/{id | userPrincipalName}` answer it: the properties the
 * emulator's directory keeps, Graph's default set first (https://learn.microsoft.com/graph/api/user-get). Other
 * documented properties are in USER_PROPERTIES_NOT_KEPT (501 when selected); anything else is Graph's 400.
 */
export const USER_RESOURCE: ResourceSchema = {
  type: 'user',
  properties: [
    property('businessPhones', { collection: true }),
    property('displayName'),
    property('givenName'),
    property('jobTitle'),
    property('mail'),
    property('mobilePhone'),
    property('officeLocation'),
    property('preferredLanguage'),
    property('surname'),
    property('userPrincipalName'),
    property('id'),
    property('otherMails', { collection: true, default: false }),
  ],
  expand: {
    manager: 'it keeps no managers',
    directReports: 'it keeps no reporting lines',
    memberOf: 'it keeps no groups',
    transitiveMemberOf: 'it keeps no groups',
    ownedObjects: 'it keeps no directory objects besides users',
    createdObjects: 'it keeps no directory objects besides users',
    ownedDevices: 'it keeps no devices',
    registeredDevices: 'it keeps no devices',
    sponsors: 'it keeps no sponsors',
    appRoleAssignments: 'it keeps no app role assignments',
    extensions: 'it keeps no open extensions',
    photo: 'it keeps no photos',
  },
  search: null,
  defaultTop: 1,
  maxTop: 1,
  orderbyLeadsFilter: false,
};

/** Documented user properties (v1.0) the emulator's directory does not keep: selecting one is 501, never a made-up value. */
export const USER_PROPERTIES_NOT_KEPT = [
  'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'authorizationInfo', 'birthday', 'city',
  'companyName', 'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType', 'customSecurityAttributes',
  'deletedDateTime', 'department', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime', 'employeeOrgData',
  'employeeType', 'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber', 'hireDate', 'identities',
  'imAddresses', 'interests', 'isManagementRestricted', 'isResourceAccount', 'lastPasswordChangeDateTime',
  'legalAgeGroupClassification', 'licenseAssignmentStates', 'mailboxSettings', 'mailNickname', 'mySite',
  'onPremisesDistinguishedName', 'onPremisesDomainName', 'onPremisesExtensionAttributes', 'onPremisesImmutableId',
  'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'passwordPolicies', 'passwordProfile', 'pastProjects',
  'postalCode', 'preferredDataLocation', 'preferredName', 'print', 'provisionedPlans', 'proxyAddresses', 'responsibilities',
  'schools', 'securityIdentifier', 'serviceProvisioningErrors', 'showInAddressList', 'signInActivity',
  'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'usageLocation', 'userType',
];

/** What User.ReadBasic.All reads of other users: display name, first and last name, email address (permissions reference). */
export const BASIC_USER_PROPERTIES = ['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'];
