import { useEffect, useState } from 'react';
import type { RecordSlotProps } from '../../plugin-front/plugin-front.types';
import { PERSON_OUT_OF_OFFICE_QUERY } from '../compose.documents';
import type { OutOfOfficeAnswer, OutOfOfficeNotice } from '../compose.types';
import { OutOfOfficeBadge } from './OutOfOfficeBadge';

/** On a person's record: "Out of office" while one of their addresses has an automatic reply on. */
export function PersonOutOfOfficeBadge({ host, objectName, recordId }: RecordSlotProps) {
  const [notice, setNotice] = useState<OutOfOfficeNotice | null>(null);
  useEffect(() => {
    if (objectName !== 'person') return;
    let live = true;
    host
      .graphql<{ microsoftPersonOutOfOffice: OutOfOfficeAnswer }>(PERSON_OUT_OF_OFFICE_QUERY, { personId: recordId })
      .then((data) => live && setNotice(data.microsoftPersonOutOfOffice.notices[0] ?? null))
      .catch(() => live && setNotice(null));
    return () => {
      live = false;
    };
  }, [host, objectName, recordId]);
  return notice ? <OutOfOfficeBadge notice={notice} /> : null;
}
