/**
 * The transaction-lock keys of calendar pages and outbound writes. Every transaction takes its keys sorted, so the
 * prefixes fix the order: a series (c:) before its events (e:), events before meetings across channels (u:).
 */
export const seriesLockKey = (calendarChannelId: string, seriesExternalId: string) => `c:${calendarChannelId}:${seriesExternalId}`;
export const eventLockKey = (calendarChannelId: string, eventExternalId: string) => `e:${calendarChannelId}:${eventExternalId}`;
export const meetingLockKey = (workspaceId: string, iCalUid: string) => `u:${workspaceId}:${iCalUid}`;
