import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { THREAD_OUT_OF_OFFICE_QUERY } from '../compose.documents';
import type { OutOfOfficeAnswer, OutOfOfficeNotice } from '../compose.types';
import { OutOfOfficeBadge } from './OutOfOfficeBadge';

/** The thread's participants with an automatic reply on, each with a badge (text and end date on hover). */
export function ThreadOutOfOffice({ host, messageThreadId }: { host: FrontHost; messageThreadId: string }) {
  const [notices, setNotices] = useState<OutOfOfficeNotice[]>([]);
  useEffect(() => {
    let live = true;
    host
      .graphql<{ microsoftThreadOutOfOffice: OutOfOfficeAnswer }>(THREAD_OUT_OF_OFFICE_QUERY, { messageThreadId })
      .then((data) => live && setNotices(data.microsoftThreadOutOfOffice.notices))
      .catch(() => live && setNotices([]));
    return () => {
      live = false;
    };
  }, [host, messageThreadId]);
  if (notices.length === 0) return null;
  return (
    <div className="m365-ooo-list" data-testid="thread-out-of-office">
      {notices.map((notice) => (
        <span key={notice.address}>
          <span className="m365-muted">{notice.address}</span>
          <OutOfOfficeBadge notice={notice} />
        </span>
      ))}
    </div>
  );
}
