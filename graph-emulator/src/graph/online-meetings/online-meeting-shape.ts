import type { EmulatorStore } from '../../store/emulator-store.js';
import type { OnlineMeetingRecord } from '../../store/online-meetings/online-meeting-records.js';

/** DateTimeOffset as Teams writes it: UTC, seven fraction digits. */
export const teamsInstant = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, part: string) => `.${part}0000Z`);

/** The invitation text Teams puts in joinInformation: a `data:text/html,` URL of a small block with the join link. */
function joinInformation(meeting: OnlineMeetingRecord): Record<string, unknown> {
  const html = `<div><a href="${meeting.joinWebUrl}">Join the meeting now</a></div>`
    + `<div>Meeting ID: ${meeting.joinMeetingId.replace(/(\d{3})(?=\d)/g, '$1 ')}</div>`
    + (meeting.passcode ? `<div>Passcode: ${meeting.passcode}</div>` : '');
  return { content: `data:text/html,${encodeURIComponent(html)}`, contentType: 'html' };
}

/**
 * An onlineMeeting as the Create onlineMeeting examples show it. The emulator's tenants have no audio conferencing
 * (dial-in) licence, so `audioConferencing` is null.
 */
export function onlineMeetingJson(store: EmulatorStore, meeting: OnlineMeetingRecord): Record<string, unknown> {
  const organizer = store.findUser(meeting.userId);
  return {
    '@odata.type': '#microsoft.graph.onlineMeeting',
    id: meeting.id,
    creationDateTime: teamsInstant(meeting.creationDateTime),
    startDateTime: teamsInstant(meeting.startDateTime),
    endDateTime: teamsInstant(meeting.endDateTime),
    subject: meeting.subject,
    joinWebUrl: meeting.joinWebUrl,
    externalId: meeting.externalId,
    videoTeleconferenceId: null,
    isBroadcast: false,
    isEntryExitAnnounced: true,
    allowedPresenters: 'everyone',
    allowMeetingChat: 'enabled',
    allowTeamworkReactions: true,
    allowAttendeeToEnableCamera: true,
    allowAttendeeToEnableMic: true,
    audioConferencing: null,
    chatInfo: { threadId: meeting.threadId, messageId: '0', replyChainMessageId: null },
    joinInformation: joinInformation(meeting),
    joinMeetingIdSettings: { isPasscodeRequired: meeting.passcode !== null, joinMeetingId: meeting.joinMeetingId, passcode: meeting.passcode },
    lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
    participants: {
      organizer: {
        upn: organizer?.userPrincipalName ?? null,
        role: 'presenter',
        identity: { user: { id: meeting.userId, displayName: null, tenantId: organizer?.tenantId ?? null, identityProvider: 'AAD' } },
      },
      attendees: meeting.attendees,
    },
  };
}
