import { spec, type ResourceSchema } from '../resource-schema.js';

/** microsoft.graph.onlineMeeting (v1.0), for `$select` on a single meeting. */
export const ONLINE_MEETING_RESOURCE: ResourceSchema = {
  type: 'onlineMeeting',
  properties: [
    'id', 'creationDateTime', 'startDateTime', 'endDateTime', 'subject', 'joinWebUrl', 'externalId', 'videoTeleconferenceId',
    'isBroadcast', 'isEntryExitAnnounced', 'allowedPresenters', 'allowMeetingChat', 'allowTeamworkReactions',
    'allowAttendeeToEnableCamera', 'allowAttendeeToEnableMic',
  ].map((name) => spec.scalar(name, 'String', { filter: false, sort: false }))
    .concat(['audioConferencing', 'chatInfo', 'joinInformation', 'joinMeetingIdSettings', 'lobbyBypassSettings', 'participants']
      .map((name) => spec.complex(name, {}))),
  expand: { attendanceReports: 'it keeps no attendance reports', transcripts: 'it records no transcripts', recordings: 'it records nothing' },
  search: null,
  defaultTop: 1,
  maxTop: 1,
  orderbyLeadsFilter: false,
};
