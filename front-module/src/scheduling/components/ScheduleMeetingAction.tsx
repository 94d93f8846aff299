import { useState } from 'react';
import type { RecordSlotProps } from '../../plugin-front/plugin-front.types';
import type { Recipient } from '../../compose/compose.types';
import { calendarMissingReason, useSchedulingAccount } from '../hooks/useSchedulingAccount';
import { loadRecordAttendees } from '../record-attendees';
import { ScheduleMeetingDialog } from './ScheduleMeetingDialog';

/** "Schedule meeting" on a person or company: the record's people invited from the member's Microsoft account. */
export function ScheduleMeetingAction({ host, objectName, recordId }: RecordSlotProps) {
  const { account } = useSchedulingAccount(host);
  const [opened, setOpened] = useState<{ attendees: Recipient[]; subject: string } | null>(null);
  if (!account) return null;
  const unavailable = calendarMissingReason(account);
  return (
    <>
      <button
        type="button"
        className="m365-button m365-button-secondary"
        disabled={unavailable !== null}
        title={unavailable ?? `From ${account.handle}`}
        onClick={() => void loadRecordAttendees(host, objectName, recordId).then(setOpened)}
        data-testid="schedule-meeting"
      >
        Schedule meeting
      </button>
      {opened && <ScheduleMeetingDialog host={host} account={account} attendees={opened.attendees} subject={opened.subject} onClose={() => setOpened(null)} />}
    </>
  );
}
