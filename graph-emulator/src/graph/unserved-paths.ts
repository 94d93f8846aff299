import type { GraphError } from '../errors/error-factory.js';
import { odataErrors } from '../odata/odata-errors.js';
import type { GraphCall } from './graph-call.js';

/**
 * Paths Graph v1.0 has that no route of the emulator serves: they answer 501 NotImplemented naming what is lacking,
 * so they never read as Graph's 400 "Resource not found for the segment" (which is for segments Graph does not have).
 * Routes are matched first, so a route added later (calendar, attachments) wins over this table.
 *
 * Each table lists an entity type's segments as the v1.0 reference has them (navigation properties, actions and
 * functions): a type name for a collection of that type (its next segment is an item id), `=type` for a single
 * value of a type with segments of its own (`drive`, a drive's `root`), `'one'` for any other single value, an
 * action or a function (anything below it is its own). A segment with a colon starts a path address
 * (`root:/Folder/file.txt:`): what follows it is not named.
 */
type Segments = Record<string, string>;

const USER: Segments = {
  // Collections
  messages: 'message', mailFolders: 'mailFolder', events: 'event', calendarView: 'event', calendars: 'calendar',
  calendarGroups: 'calendarGroup', contacts: 'contact', contactFolders: 'contactFolder', people: 'person',
  onlineMeetings: 'onlineMeeting', drives: 'drive', chats: 'chat', joinedTeams: 'team', followedSites: 'site',
  memberOf: 'directoryObject', transitiveMemberOf: 'directoryObject', directReports: 'directoryObject',
  ownedObjects: 'directoryObject', createdObjects: 'directoryObject', ownedDevices: 'directoryObject',
  registeredDevices: 'directoryObject', sponsors: 'directoryObject', appRoleAssignments: 'appRoleAssignment',
  extensions: 'extension', photos: 'profilePhoto', licenseDetails: 'licenseDetails', managedDevices: 'managedDevice',
  managedAppRegistrations: 'managedAppRegistration', agreementAcceptances: 'agreementAcceptance', activities: 'userActivity',
  oauth2PermissionGrants: 'oAuth2PermissionGrant', permissionGrants: 'resourceSpecificPermissionGrant',
  scopedRoleMemberOf: 'scopedRoleMembership',
  // Single values
  calendar: 'one', drive: '=drive', todo: 'one', mailboxSettings: 'one', manager: 'one', photo: 'one', planner: 'one',
  presence: 'one', insights: 'one', onenote: 'one', outlook: 'one', settings: 'one', teamwork: 'one', solutions: 'one',
  authentication: 'one', inferenceClassification: 'one', employeeExperience: 'one', cloudClipboard: 'one',
  adhocCalls: 'one', dataSecurityAndGovernance: 'one',
  // Actions and functions
  sendMail: 'one', findMeetingTimes: 'one', getMailTips: 'one', reminderView: 'one', translateExchangeIds: 'one',
  getMemberGroups: 'one', checkMemberGroups: 'one', getMemberObjects: 'one', checkMemberObjects: 'one',
  assignLicense: 'one', changePassword: 'one', revokeSignInSessions: 'one', exportPersonalData: 'one',
  reprocessLicenseAssignment: 'one', retryServiceProvisioning: 'one', removeAllDevicesFromManagement: 'one',
  wipeManagedAppRegistrationsByDeviceTag: 'one', exportDeviceAndAppManagementData: 'one',
  getManagedAppDiagnosticStatuses: 'one', getManagedAppPolicies: 'one', getManagedDevicesWithAppFailures: 'one',
};

const MESSAGE: Segments = {
  attachments: 'attachment', extensions: 'extension', singleValueExtendedProperties: 'singleValueLegacyExtendedProperty',
  multiValueExtendedProperties: 'multiValueLegacyExtendedProperty', $value: 'one',
  reply: 'one', replyAll: 'one', forward: 'one', createReply: 'one', createReplyAll: 'one', createForward: 'one',
  send: 'one', copy: 'one', move: 'one', permanentDelete: 'one',
};

const MAIL_FOLDER: Segments = {
  messages: 'message', childFolders: 'mailFolder', messageRules: 'messageRule',
  singleValueExtendedProperties: 'singleValueLegacyExtendedProperty', multiValueExtendedProperties: 'multiValueLegacyExtendedProperty',
  copy: 'one', move: 'one', permanentDelete: 'one',
};

const DRIVE: Segments = {
  items: 'driveItem', root: '=driveItem', special: 'driveItem', following: 'driveItem', bundles: 'driveItem',
  list: 'one', recent: 'one', sharedWithMe: 'one', search: 'one', delta: 'one',
};

const DRIVE_ITEM: Segments = {
  children: 'driveItem', permissions: 'permission', thumbnails: 'thumbnailSet', versions: 'driveItemVersion',
  subscriptions: 'subscription', listItem: 'one', analytics: 'one', retentionLabel: 'one', content: 'one', contentStream: 'one',
  copy: 'one', createLink: 'one', createUploadSession: 'one', delta: 'one', invite: 'one', preview: 'one', restore: 'one',
  search: 'one', checkin: 'one', checkout: 'one', discardCheckout: 'one', follow: 'one', unfollow: 'one',
  permanentDelete: 'one', extractSensitivityLabels: 'one', assignSensitivityLabel: 'one', getActivitiesByInterval: 'one',
  validatePermission: 'one',
};

const SITE: Segments = {
  drive: '=drive', drives: 'drive', lists: 'list', sites: 'site', columns: 'columnDefinition', contentTypes: 'contentType',
  items: 'baseItem', operations: 'richLongRunningOperation', pages: 'baseSitePage', permissions: 'permission',
  externalColumns: 'columnDefinition', onenote: 'one', termStore: 'one', analytics: 'one', getByPath: 'one',
  getActivitiesByInterval: 'one', getApplicableContentTypesForList: 'one',
};

const BY_TYPE: Record<string, Segments> = { user: USER, message: MESSAGE, mailFolder: MAIL_FOLDER, drive: DRIVE, driveItem: DRIVE_ITEM, site: SITE };

/** The service root's segments (the v1.0 entity sets and singletons), `me` and `subscriptions` apart. */
const ROOT = [
  '$metadata', 'users', 'groups', 'sites', 'drives', 'shares', 'teams', 'chats', 'teamwork', 'communications', 'planner',
  'contacts', 'organization', 'domains', 'devices', 'directory', 'directoryObjects', 'directoryRoles',
  'directoryRoleTemplates', 'applications', 'servicePrincipals', 'oauth2PermissionGrants', 'invitations', 'identity',
  'identityGovernance', 'identityProtection', 'identityProviders', 'policies', 'roleManagement', 'subscribedSkus',
  'groupLifecyclePolicies', 'groupSettings', 'groupSettingTemplates', 'schemaExtensions', 'agreements', 'admin',
  'auditLogs', 'reports', 'security', 'solutions', 'storage', 'search', 'print', 'places', 'external', 'connections',
  'education', 'deviceManagement', 'deviceAppManagement', 'informationProtection', 'appCatalogs', 'employeeExperience',
  'privacy', 'tenantRelationships', 'copilot', 'dataPolicyOperations', 'contracts', 'certificateBasedAuthConfiguration',
  'authenticationMethodConfigurations', 'authenticationMethodsPolicy', 'filteringPolicies',
];

const COLLECTION_FUNCTION = /^(?:delta(?:\(\))?|\$count|%24count)$/i;

function known(table: Segments, segment: string): string | undefined {
  const name = segment.replace(/^%24/, '$').replace(/\(.*$/, '').toLowerCase();
  return Object.keys(table).find((key) => key.toLowerCase() === name);
}

/** The path as Graph's reference writes it (`/me/messages/{id}/reply`), when every segment is one Graph has. */
function template(owner: string, segments: string[], start = 'user'): string | undefined {
  const parts = [owner];
  let type = start;
  for (let i = 0; i < segments.length; i++) {
    const table = BY_TYPE[type];
    if (!table || segments[i]!.includes(':')) {
      parts.push('…');
      break;
    }
    const name = known(table, segments[i]!);
    if (!name) return undefined;
    parts.push(name);
    const target = table[name]!;
    if (target.startsWith('=')) {
      type = target.slice(1);
      continue;
    }
    if (target === 'one') {
      if (i + 1 < segments.length) parts.push('…');
      break;
    }
    const next = segments[i + 1];
    if (next === undefined) break;
    if (COLLECTION_FUNCTION.test(next)) {
      parts.push(next.replace(/^%24/, '$'));
      if (i + 2 < segments.length) parts.push('…');
      break;
    }
    parts.push('{id}');
    i += 1;
    type = target;
  }
  return parts.join('/');
}

/** 501 for a path Graph v1.0 has and the emulator does not serve (with this method); undefined when Graph has no such path. */
export function unservedFeature(call: GraphCall): GraphError | undefined {
  const segments = call.path.split('/').filter(Boolean);
  const first = segments[0]?.toLowerCase();
  if (first === undefined) return undefined;
  let path: string | undefined;
  if (first === 'me') path = template('/me', segments.slice(1));
  else if (first === 'users' && segments.length > 1) path = template('/users/{id}', segments.slice(2));
  else if (first === 'subscriptions') {
    if (segments.length <= 2) path = segments.length === 1 ? '/subscriptions' : '/subscriptions/{id}';
    else if (segments.length === 3 && segments[2]!.toLowerCase() === 'reauthorize') path = '/subscriptions/{id}/reauthorize';
  }
  else if ((first === 'drives' || first === 'sites') && segments.length > 1 && !segments[1]!.includes(':')) {
    path = template(`/${first}/{id}`, segments.slice(2), first === 'drives' ? 'drive' : 'site');
  }
  else {
    const root = ROOT.find((name) => name.toLowerCase() === first.replace(/\(.*$/, ''));
    if (root) path = `/${root}${segments.length > 1 ? '/…' : ''}`;
  }
  return path === undefined ? undefined : odataErrors.notImplemented(`${call.method} ${path}`);
}
