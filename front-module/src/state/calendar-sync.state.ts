import { atomFamily } from 'recoil';

/** Per calendar id: the isSynced value the member just chose, while the server has not confirmed it (null when nothing is pending). */
export const pendingCalendarSyncedState = atomFamily<boolean | null, string>({ key: 'm365/pendingCalendarSynced', default: null });

/** Per calendar channel id: why the last calendar toggle did not stick, until the next one. */
export const calendarToggleErrorState = atomFamily<string | null, string>({ key: 'm365/calendarToggleError', default: null });
