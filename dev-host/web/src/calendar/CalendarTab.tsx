import { useState } from 'react';
import { COMPANY_EVENTS_QUERY, PERSON_EVENTS_QUERY } from '../api/host.documents';
import type { RecordObjectName, TimelineCalendarEventsWithTotal } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../ui/EmptyState';
import { Pager } from '../ui/Pager';
import { UpdatedNote } from '../ui/UpdatedNote';
import { CalendarEventRow } from './CalendarEventRow';
import { groupEventsByMonthAndDay } from './group-events';

const PAGE_SIZE = 20;
/** The tab's own refresh while it is visible. */
const CALENDAR_REFRESH_MS = 5_000;

export function CalendarTab({ objectName, recordId }: { objectName: RecordObjectName; recordId: string }) {
  const [page, setPage] = useState(1);
  const query = objectName === 'person' ? PERSON_EVENTS_QUERY : COMPANY_EVENTS_QUERY;
  const { data, error, loading, changedAt } = useQuery<{ events: TimelineCalendarEventsWithTotal }>(
    query,
    { id: recordId, page, pageSize: PAGE_SIZE },
    { refreshIntervalMs: CALENDAR_REFRESH_MS },
  );

  if (error) return <p className="form-error">{error}</p>;
  if (!data) return loading ? <p className="muted">Loading events…</p> : null;
  const { totalNumberOfCalendarEvents, timelineCalendarEvents } = data.events;
  if (totalNumberOfCalendarEvents === 0) {
    return (
      <EmptyState title="No events yet" testId="calendar-empty">
        Meetings with {objectName === 'person' ? 'this person' : 'this company'} appear here once a calendar is connected and synced.
      </EmptyState>
    );
  }
  return (
    <div className="calendar-tab" data-testid="calendar-tab">
      <UpdatedNote changedAt={changedAt} testId="calendar-updated" />
      {groupEventsByMonthAndDay(timelineCalendarEvents).map((month) => (
        <section key={month.key} className="calendar-month" data-testid="calendar-month">
          <h3 className="section-title">{month.label}</h3>
          {month.days.map((day) => (
            <div key={day.key} className="calendar-day">
              <div className="calendar-day-label">
                <span className="calendar-day-number">{day.date.getDate()}</span>
                <span className="muted">{day.date.toLocaleDateString(undefined, { weekday: 'short' })}</span>
              </div>
              <ul className="calendar-day-events">
                {day.events.map((event) => (
                  <CalendarEventRow key={event.id} event={event} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <Pager page={page} pageSize={PAGE_SIZE} total={totalNumberOfCalendarEvents} onPage={setPage} testId="calendar-pager" />
    </div>
  );
}
