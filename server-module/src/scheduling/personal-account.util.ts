import { PERSONAL_ACCOUNT_TENANT_ID } from '@m365/shared-types';

/** outlook.com, hotmail.com and live.com accounts all sign in through this one consumer tenant. */
export const isPersonalTenant = (tenantId: string | null | undefined): boolean => tenantId?.toLowerCase() === PERSONAL_ACCOUNT_TENANT_ID;
