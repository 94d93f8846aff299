import { useCallback, useEffect, useRef, useState } from 'react';
import { loadSectionCalendarChannels, loadSectionEvents, loadWriteStates } from './section-api';
import type { EventWriteState, SectionCalendarChannel, SectionEvent } from './section.types';

/** How often the shown range is read again while the page is visible, so Outlook's changes appear without a reload. */
export const SECTION_REFRESH_MS = 5_000;

export interface SectionRange {
  from: Date;
  to: Date;
}

export interface SectionData {
  events: SectionEvent[];
  channels: SectionCalendarChannel[];
  writeStates: Map<string, EventWriteState>;
  error: string | null;
  loaded: boolean;
  /** Reads everything again now (after a change from the panel). */
  reload(): Promise<void>;
}

const isVisible = () => document.visibilityState === 'visible';

/** The events of the range shown, the calendars they belong to and the state of the CRM's changes to them. */
export function useSectionData(range: SectionRange | null): SectionData {
  const [events, setEvents] = useState<SectionEvent[]>([]);
  const [channels, setChannels] = useState<SectionCalendarChannel[]>([]);
  const [writeStates, setWriteStates] = useState<Map<string, EventWriteState>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  // Only the newest request's answer is kept: moving through weeks quickly must not show a stale one.
  const generation = useRef(0);
  const from = range?.from.getTime();
  const to = range?.to.getTime();

  const reload = useCallback(async () => {
    if (from === undefined || to === undefined) return;
    const mine = ++generation.current;
    try {
      const [nextEvents, nextChannels] = await Promise.all([loadSectionEvents(new Date(from), new Date(to)), loadSectionCalendarChannels()]);
      const states = await loadWriteStates(nextEvents.map((event) => event.id)).catch(() => []);
      if (mine !== generation.current) return;
      setEvents(nextEvents);
      setChannels(nextChannels);
      setWriteStates(new Map(states.map((state) => [state.calendarEventId, state])));
      setError(null);
    } catch (cause) {
      if (mine === generation.current) setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      if (mine === generation.current) setLoaded(true);
    }
  }, [from, to]);

  useEffect(() => {
    void reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = () => {
      timer = setTimeout(() => {
        void (isVisible() ? reload() : Promise.resolve()).finally(() => !stopped && tick());
      }, SECTION_REFRESH_MS);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reload]);

  return { events, channels, writeStates, error, loaded, reload };
}
