import { atom } from 'recoil';
import type { WorkspaceMember } from '../api/host.types';

/** undefined while the session is being checked, null when signed out. */
export const currentMemberState = atom<WorkspaceMember | null | undefined>({ key: 'shell/currentMember', default: undefined });
