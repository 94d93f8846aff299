import { atom } from 'recoil';
import type { MicrosoftAccount } from '../graphql/microsoft-account.types';

/** The signed-in member's Microsoft accounts; null until the first load. */
export const microsoftAccountsState = atom<MicrosoftAccount[] | null>({ key: 'm365/microsoftAccounts', default: null });

export const microsoftAccountsLoadErrorState = atom<string | null>({ key: 'm365/microsoftAccountsLoadError', default: null });
