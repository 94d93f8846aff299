import { atom } from 'recoil';

/** The account whose disconnect confirmation is open. */
export const accountToDisconnectState = atom<string | null>({ key: 'm365/accountToDisconnect', default: null });
