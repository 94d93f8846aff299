import type { OnlineMeetingRecord } from './online-meeting-records.js';

/** Online meetings per organizer, in creation order. */
export class InMemoryOnlineMeetingStore {
  private meetings = new Map<string, OnlineMeetingRecord>();

  reset(): void {
    this.meetings.clear();
  }

  exportState(): object {
    return { meetings: this.meetings };
  }

  importState(state: object | undefined): void {
    this.reset();
    const restored = (state as { meetings?: Map<string, OnlineMeetingRecord> } | undefined)?.meetings;
    if (restored) this.meetings = restored;
  }

  save(meeting: OnlineMeetingRecord): OnlineMeetingRecord {
    this.meetings.set(meeting.id, structuredClone(meeting));
    return structuredClone(meeting);
  }

  get(userId: string, id: string): OnlineMeetingRecord | undefined {
    const found = this.meetings.get(id);
    return found && found.userId === userId ? structuredClone(found) : undefined;
  }

  list(userId?: string): OnlineMeetingRecord[] {
    return [...this.meetings.values()].filter((meeting) => !userId || meeting.userId === userId).map((meeting) => structuredClone(meeting));
  }
}
