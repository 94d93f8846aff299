import { useState } from 'react';
import { COMPANY_THREADS_QUERY, PERSON_THREADS_QUERY } from '../api/host.documents';
import type { RecordObjectName, TimelineThreadsWithTotal } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../ui/EmptyState';
import { Pager } from '../ui/Pager';
import { UpdatedNote } from '../ui/UpdatedNote';
import { EmailThreadRow } from './EmailThreadRow';
import { EMAILS_REFRESH_MS } from './emails-refresh';
import { ThreadSidePanel } from './ThreadSidePanel';

const PAGE_SIZE = 10;

export function EmailsTab({ objectName, recordId }: { objectName: RecordObjectName; recordId: string }) {
  const [page, setPage] = useState(1);
  const [openThreadId, setOpenThreadId] = useState<string | null>(null);
  const query = objectName === 'person' ? PERSON_THREADS_QUERY : COMPANY_THREADS_QUERY;
  const { data, error, loading, changedAt } = useQuery<{ threads: TimelineThreadsWithTotal }>(
    query,
    { id: recordId, page, pageSize: PAGE_SIZE },
    { refreshIntervalMs: EMAILS_REFRESH_MS },
  );

  if (error) return <p className="form-error">{error}</p>;
  if (!data) return loading ? <p className="muted">Loading emails…</p> : null;
  const { totalNumberOfThreads, timelineThreads } = data.threads;
  if (totalNumberOfThreads === 0) {
    return (
      <EmptyState title="No emails yet" testId="emails-empty">
        Emails exchanged with {objectName === 'person' ? 'this person' : 'this company'} appear here once a mailbox is connected and synced.
      </EmptyState>
    );
  }
  return (
    <div className="emails-tab" data-testid="emails-tab">
      <div className="section-title section-header">
        <span>
          Inbox <span className="page-count" data-testid="emails-count">{totalNumberOfThreads}</span>
        </span>
        <UpdatedNote changedAt={changedAt} testId="emails-updated" />
      </div>
      <ul className="thread-list">
        {timelineThreads.map((thread) => (
          <EmailThreadRow key={thread.id} thread={thread} onOpen={() => setOpenThreadId(thread.id)} />
        ))}
      </ul>
      <Pager page={page} pageSize={PAGE_SIZE} total={totalNumberOfThreads} onPage={setPage} testId="emails-pager" />
      {openThreadId && <ThreadSidePanel threadId={openThreadId} onClose={() => setOpenThreadId(null)} />}
    </div>
  );
}
