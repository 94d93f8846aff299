import { PERSONAL_ACCOUNT_TENANT_ID } from '../identity/well-known-tenants.js';
import type { AppRegistrationRecord, TenantRecord, UserRecord } from '../store/emulator-records.js';
import { DEMO_ADMIN_ONLY_PERMISSIONS } from './demo-consent-policy.js';

export const CONTOSO_TENANT_ID = '6f1d3a52-8c47-4e0b-9a2d-1b5c7e9f3a10';
export const FABRIKAM_TENANT_ID = 'b3e8c1d4-2f6a-4d95-8e71-0c4a9b2d5f63';

export const DEMO_TENANTS: readonly TenantRecord[] = [
  { id: CONTOSO_TENANT_ID, displayName: 'Contoso', domains: ['contoso.com', 'contoso.onmicrosoft.com'], kind: 'organization', adminOnlyPermissions: [...DEMO_ADMIN_ONLY_PERMISSIONS] },
  { id: FABRIKAM_TENANT_ID, displayName: 'Fabrikam', domains: ['fabrikam.com', 'fabrikam.onmicrosoft.com'], kind: 'organization', adminOnlyPermissions: [...DEMO_ADMIN_ONLY_PERMISSIONS] },
  {
    id: PERSONAL_ACCOUNT_TENANT_ID,
    displayName: 'Microsoft personal accounts',
    domains: ['outlook.com', 'hotmail.com', 'live.com'],
    kind: 'personal',
  },
];

export const DEMO_USERS: readonly UserRecord[] = [
  {
    id: '8a2f6c14-3b7e-4d19-a5c8-2e9f0b6d4c71',
    tenantId: CONTOSO_TENANT_ID,
    displayName: 'Megan Bowen',
    givenName: 'Megan',
    surname: 'Bowen',
    mail: 'megan.bowen@contoso.com',
    userPrincipalName: 'megan.bowen@contoso.com',
    otherMails: ['megan@contoso.com'],
    jobTitle: 'Marketing Manager',
    isAdmin: true,
  },
  {
    id: 'c41e9d07-6a2b-4f83-b0d5-7f1a3c8e2b96',
    tenantId: CONTOSO_TENANT_ID,
    displayName: 'Alex Wilber',
    givenName: 'Alex',
    surname: 'Wilber',
    mail: 'alex.wilber@contoso.com',
    userPrincipalName: 'alex.wilber@contoso.com',
    otherMails: ['alex@contoso.com'],
    jobTitle: 'Marketing Assistant',
    isAdmin: false,
  },
  {
    id: '5d7b2e93-0f4c-4a61-8e2d-b9c63f1a0e58',
    tenantId: FABRIKAM_TENANT_ID,
    displayName: 'Lee Gu',
    givenName: 'Lee',
    surname: 'Gu',
    mail: 'lee.gu@fabrikam.com',
    userPrincipalName: 'lee.gu@fabrikam.com',
    otherMails: ['lee@fabrikam.com'],
    jobTitle: 'Director',
    isAdmin: true,
  },
  {
    // Personal accounts' object ids start with 16 zero hex digits (derived from the account's PUID).
    id: '00000000-0000-0000-7c3e-91f2a4b6d8e0',
    tenantId: PERSONAL_ACCOUNT_TENANT_ID,
    displayName: 'Demo User',
    givenName: 'Demo',
    surname: 'User',
    mail: null,
    userPrincipalName: 'demo.user@outlook.com',
    otherMails: [],
    jobTitle: null,
    isAdmin: false,
  },
];

export const DEMO_APP: Readonly<AppRegistrationRecord> = {
  clientId: '4e9c2a71-b35d-4f08-9c6e-d1a7f2e3b584',
  clientSecret: 'demo-client-secret',
  displayName: 'CRM Microsoft 365 plugin (demo)',
  redirectUris: [
    'http://localhost:3000/auth/microsoft-apis/get-access-token',
    'http://127.0.0.1:3000/auth/microsoft-apis/get-access-token',
  ],
  // The demo app's registration, as its owner would enter it in the portal: what the CRM plugin asks for.
  requiredScopes: ['User.Read'],
  apiPermissions: [
    'User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'OnlineMeetings.ReadWrite', 'Contacts.ReadWrite',
    'People.Read', 'MailboxSettings.Read', 'Tasks.ReadWrite', 'Files.ReadWrite', 'Sites.Read.All',
  ],
  // Token configuration → "Add groups claim" → Directory roles: the ID token's `wids` tells the plugin who can grant admin consent.
  groupMembershipClaims: 'DirectoryRole',
};
