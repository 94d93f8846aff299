import { atomFamily } from 'recoil';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** Per channel id: whether its last settings change reached the server. */
export const channelSaveState = atomFamily<SaveState, string>({ key: 'm365/channelSaveState', default: 'idle' });
