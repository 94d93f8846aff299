import type { DatesSetArg, DateSelectArg, EventClickArg, EventContentArg, EventDropArg, EventMountArg } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import './calendar-section.css';
import { navigate, useLocation } from '../../router/history';
import { calendarLookup, writableCalendars } from './calendar-lookup';
import { formFromRange } from './event-form';
import { EventPanel, type PanelTarget } from './EventPanel';
import { toLocalDate } from './local-time';
import { readOnlyReason, writeStateNote } from './read-only';
import { SeriesMovePrompt } from './SeriesMovePrompt';
import { toCalendarEvent, type SectionEventMeta } from './to-calendar-events';
import { useEventMoves } from './use-event-moves';
import { useSectionData, type SectionRange } from './use-section-data';

const VIEWS = { week: 'timeGridWeek', month: 'dayGridMonth' } as const;
type ViewName = keyof typeof VIEWS;
const viewName = (calendarView: string): ViewName => (calendarView === VIEWS.month ? 'month' : 'week');

/** The next half hour from now, for the "New event" button. */
function nextHalfHour(): { start: Date; end: Date } {
  const start = new Date();
  start.setMinutes(start.getMinutes() < 30 ? 30 : 60, 0, 0);
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
}

/**
 * The Calendar section: the member's events from every synced calendar, a week or a month at a time, in the browser's
 * zone and each calendar's Outlook colour. The URL keeps the view and date (/calendar?view=month&date=2027-03-01).
 */
export function CalendarSectionPage() {
  const { query } = useLocation();
  const [initial] = useState(() => ({ view: query.get('view') === 'month' ? 'month' : 'week', date: query.get('date') ?? undefined }));
  const [range, setRange] = useState<SectionRange | null>(null);
  const [panel, setPanel] = useState<PanelTarget | null>(null);
  const data = useSectionData(range);
  const moves = useEventMoves(data);

  const findCalendar = useMemo(() => calendarLookup(data.channels), [data.channels]);
  const destinations = useMemo(() => writableCalendars(data.channels), [data.channels]);
  const calendarEvents = useMemo(
    () =>
      data.events.map((event) => {
        const calendar = findCalendar(event);
        return toCalendarEvent(event, calendar, readOnlyReason(event, calendar, data.writeStates.get(event.id)));
      }),
    [data.events, data.writeStates, findCalendar],
  );

  const onDatesSet = (arg: DatesSetArg) => {
    setRange((previous) => (previous && previous.from.getTime() === arg.start.getTime() && previous.to.getTime() === arg.end.getTime() ? previous : { from: arg.start, to: arg.end }));
    const url = `/calendar?view=${viewName(arg.view.type)}&date=${toLocalDate(arg.view.currentStart)}`;
    if (`${window.location.pathname}${window.location.search}` !== url) navigate(url, { replace: true });
  };
  const onSelect = (arg: DateSelectArg) => {
    arg.view.calendar.unselect();
    setPanel({ mode: 'create', form: formFromRange(arg.start, arg.end, arg.allDay) });
  };
  const onEventClick = (arg: EventClickArg) => {
    arg.jsEvent.preventDefault();
    setPanel({ mode: 'edit', event: (arg.event.extendedProps as SectionEventMeta).event });
  };
  const openNew = () => {
    const { start, end } = nextHalfHour();
    setPanel({ mode: 'create', form: formFromRange(start, end, false) });
  };

  const editing = panel?.mode === 'edit' ? data.events.find((event) => event.id === panel.event.id) ?? panel.event : null;
  const editingCalendar = editing ? findCalendar(editing) : undefined;
  const editingState = editing ? data.writeStates.get(editing.id) : undefined;

  return (
    <div className="page calendar-section" data-testid="calendar-section">
      <header className="page-header">
        <h1>Calendar</h1>
        <button type="button" className="button button-primary button-small" onClick={openNew} data-testid="new-event">
          New event
        </button>
      </header>
      {data.error && (
        <p className="form-error calendar-section-error" data-testid="calendar-section-error">
          {data.error}
        </p>
      )}
      {moves.notice && (
        <p className="form-error calendar-section-error calendar-section-notice" role="alert" data-testid="calendar-move-error">
          {moves.notice}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={moves.dismiss}>
            ×
          </button>
        </p>
      )}
      {data.loaded && data.channels.length === 0 && (
        <p className="muted calendar-section-empty" data-testid="calendar-section-no-account">
          Connect a Microsoft account in Settings → Accounts to see and plan your meetings here.
        </p>
      )}
      <div className="calendar-section-grid" data-testid="calendar-section-grid" data-loaded={String(data.loaded)}>
        <FullCalendar
          plugins={[timeGridPlugin, dayGridPlugin, interactionPlugin]}
          initialView={VIEWS[initial.view as ViewName]}
          initialDate={initial.date}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridWeek,dayGridMonth' }}
          buttonText={{ today: 'Today', week: 'Week', month: 'Month' }}
          firstDay={1}
          height="100%"
          nowIndicator
          selectable
          editable
          selectMirror
          dayMaxEvents
          scrollTime="08:00:00"
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          events={calendarEvents}
          datesSet={onDatesSet}
          select={onSelect}
          eventClick={onEventClick}
          eventDrop={(arg: EventDropArg) => moves.onMoved(arg, 'move')}
          eventResize={(arg: EventResizeDoneArg) => moves.onMoved(arg, 'resize')}
          eventContent={renderEvent}
          eventDidMount={markEvent}
        />
      </div>
      {moves.prompt && (
        <SeriesMovePrompt title={moves.prompt.event.title ?? '(no title)'} action={moves.prompt.action} onChoose={moves.choose} onCancel={moves.cancel} />
      )}
      {panel && (
        <EventPanel
          key={panel.mode === 'edit' ? panel.event.id : 'new'}
          target={editing ? { mode: 'edit', event: editing } : panel}
          readOnlyReason={editing ? readOnlyReason(editing, editingCalendar, editingState) : null}
          writeNote={writeStateNote(editingState)}
          calendars={destinations}
          onClose={() => setPanel(null)}
          onChanged={() => void data.reload()}
        />
      )}
    </div>
  );
}

// FullCalendar also draws the range being dragged as an event (its "mirror"), which has no meta of ours.
const metaOf = (arg: { event: { extendedProps: unknown } }) => arg.event.extendedProps as Partial<SectionEventMeta>;

function renderEvent(arg: EventContentArg) {
  return <SectionEventContent arg={arg} />;
}

function SectionEventContent({ arg }: { arg: EventContentArg }) {
  const { event, readOnlyReason: reason = null } = metaOf(arg);
  const ref = useRef<HTMLDivElement>(null);
  const title = arg.event.title;
  const start = arg.event.start;
  // FullCalendar keeps an event's element when a refresh changes the event in place (Outlook's edit of it), and
  // runs eventDidMount only once: the element's hooks are brought up to date on each render of its content.
  useLayoutEffect(() => {
    const element = ref.current?.closest('.fc-event');
    if (element && event) markElement(element, event.id, title, start);
  }, [event, title, start]);
  return (
    <div ref={ref} className="calendar-section-event-content" title={reason ?? undefined}>
      {arg.timeText && <span className="calendar-section-event-time">{arg.timeText}</span>}
      <span className="calendar-section-event-title">
        {reason && (
          // Drawn rather than an emoji, which shows as an empty box where no colour emoji font is installed.
          <svg className="calendar-section-lock" width="9" height="10" viewBox="0 0 9 10" role="img" aria-label="Read only">
            <path d="M2 4.5V3a2.5 2.5 0 0 1 5 0v1.5M1 4.5h7v5H1z" fill="none" stroke="currentColor" strokeWidth="1.1" />
          </svg>
        )}
        {title}
      </span>
    </div>
  );
}

/** Test hooks on FullCalendar's own element: which event it is, and where it landed. */
function markEvent(arg: EventMountArg) {
  const { event } = metaOf(arg);
  if (event) markElement(arg.el, event.id, arg.event.title, arg.event.start);
}

function markElement(element: Element, id: string, title: string, start: Date | null) {
  element.setAttribute('data-testid', 'calendar-section-event');
  element.setAttribute('data-event-id', id);
  element.setAttribute('data-title', title);
  if (start) element.setAttribute('data-local-start', `${toLocalDate(start)}T${start.toTimeString().slice(0, 5)}`);
  else element.removeAttribute('data-local-start');
}
