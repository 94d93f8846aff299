import type { FeatureGrant } from '../scopes/microsoft-scopes.js';

export enum MicrosoftAccountType {
  WORK_OR_SCHOOL = 'WORK_OR_SCHOOL',
  PERSONAL = 'PERSONAL',
}

/** Tenant id that Microsoft gives every personal (outlook.com, hotmail.com, live.com) account. */
export const PERSONAL_ACCOUNT_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** A connected account as the front shows it in Settings → Accounts. */
export interface MicrosoftAccountView {
  id: string;
  handle: string;
  handleAliases: string[];
  accountType: MicrosoftAccountType;
  tenantId: string | null;
  scopes: string[];
  features: FeatureGrant[];
  authFailedAt: string | null;
  needsReconnect: boolean;
  /** Disconnect requested and not finished yet: nothing of the account can be used or changed meanwhile. */
  disconnecting: boolean;
}
