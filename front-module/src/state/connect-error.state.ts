import { atom } from 'recoil';
import type { ConnectError } from '../accounts/connect-error-message';

/** The failure the connect callback reported, until the member dismisses it. */
export const connectErrorState = atom<ConnectError | null>({ key: 'm365/connectError', default: null });
