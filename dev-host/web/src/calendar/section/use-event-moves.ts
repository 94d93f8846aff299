import type { EventApi } from '@fullcalendar/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { patchFromMove } from './event-move';
import { updateSectionEvent } from './section-api';
import type { CalendarEventPatch, EditScope, SectionEvent } from './section.types';
import type { SectionEventMeta } from './to-calendar-events';
import type { SectionData } from './use-section-data';

/** How often the section asks again while a drag's write is on its way to Outlook, and for how long. */
const WATCH_MS = 700;
const WATCH_ROUNDS = 40;

export interface PendingMove {
  event: SectionEvent;
  patch: CalendarEventPatch;
  action: 'move' | 'resize';
  /** Puts the event back where it was on the grid (FullCalendar's own undo of the drag). */
  revert(): void;
}

export interface EventMoves {
  /** A dragged occurrence of a series waiting for the member's "this event / all events". */
  prompt: PendingMove | null;
  /** Why the last drag did not stick, until the next one. */
  notice: string | null;
  onMoved(arg: { event: EventApi; revert(): void }, action: 'move' | 'resize'): void;
  choose(scope: EditScope): void;
  cancel(): void;
  dismiss(): void;
}

const errorText = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/**
 * Dragging and stretching events on the grid: each becomes the update mutation the side panel uses. A refusal by
 * the CRM snaps the event back at once; a refusal by Outlook comes back as the event's write state (the plugin then
 * puts Outlook's version back in the CRM, and the next read shows the event where it was), with its reason.
 */
export function useEventMoves(data: SectionData): EventMoves {
  const [prompt, setPrompt] = useState<PendingMove | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [watched, setWatched] = useState<string | null>(null);
  const rounds = useRef(0);
  const { reload, writeStates } = data;

  const write = useCallback(async (move: PendingMove, scope: EditScope) => {
    setNotice(null);
    try {
      await updateSectionEvent(move.event.id, scope, move.patch);
    } catch (cause) {
      move.revert();
      setNotice(errorText(cause));
      return;
    }
    // Read after the write committed: the write state then is this change's.
    await reload();
    rounds.current = 0;
    setWatched(move.event.id);
  }, [reload]);

  useEffect(() => {
    if (!watched) return;
    const state = writeStates.get(watched);
    if (state?.status === 'PENDING' && rounds.current < WATCH_ROUNDS) {
      const timer = setTimeout(() => {
        rounds.current += 1;
        void reload();
      }, WATCH_MS);
      return () => clearTimeout(timer);
    }
    if (state?.status === 'FAILED' || state?.status === 'CONFLICT_LOST') setNotice(state.message ?? 'Outlook refused the change.');
    setWatched(null);
    return undefined;
  }, [watched, writeStates, reload]);

  const onMoved = useCallback((arg: { event: EventApi; revert(): void }, action: 'move' | 'resize') => {
    const meta = arg.event.extendedProps as Partial<SectionEventMeta>;
    if (!meta.event || meta.readOnlyReason || !arg.event.start) {
      arg.revert();
      if (meta.readOnlyReason) setNotice(meta.readOnlyReason);
      return;
    }
    const move: PendingMove = {
      event: meta.event,
      patch: patchFromMove(meta.event, { start: arg.event.start, end: arg.event.end, allDay: arg.event.allDay }),
      action,
      // A refresh while the prompt was open may have redrawn the event already: nothing left to put back then.
      revert: () => {
        try {
          arg.revert();
        } catch {
          void reload();
        }
      },
    };
    if (meta.event.recurringEventExternalId) setPrompt(move);
    else void write(move, 'THIS_EVENT');
  }, [write, reload]);

  const choose = useCallback((scope: EditScope) => {
    if (!prompt) return;
    setPrompt(null);
    void write(prompt, scope);
  }, [prompt, write]);

  const cancel = useCallback(() => {
    prompt?.revert();
    setPrompt(null);
  }, [prompt]);

  return { prompt, notice, onMoved, choose, cancel, dismiss: () => setNotice(null) };
}
