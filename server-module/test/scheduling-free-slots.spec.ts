import { findFreeSlots, workingWindows, type WeeklyWorkingHours } from '../src/scheduling/free-slots.util.js';
import { BusyStatus, toPersonAvailability } from '../src/scheduling/schedule-information.mapper.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const hours = (timeZone: string, startTime = '09:00', endTime = '17:00', daysOfWeek = WEEKDAYS): WeeklyWorkingHours => ({ daysOfWeek, startTime, endTime, timeZone });
const at = (iso: string) => new Date(iso);
const iso = (slots: Array<{ start: Date; end: Date }>) => slots.map((slot) => `${slot.start.toISOString()}/${slot.end.toISOString()}`);

describe('Free slots: everyone inside their working hours, nothing busy', () => {
  it('proposes the first slots of the working day, after the busy block', () => {
    const slots = findFreeSlots({
      participants: [{ busy: [{ start: at('2027-03-01T09:00:00Z'), end: at('2027-03-01T10:30:00Z') }], workingHours: hours('UTC') }],
      from: at('2027-03-01T06:00:00Z'),
      until: at('2027-03-02T00:00:00Z'),
      durationMinutes: 60,
      count: 3,
    });
    expect(iso(slots)).toEqual([
      '2027-03-01T10:30:00.000Z/2027-03-01T11:30:00.000Z',
      '2027-03-01T11:30:00.000Z/2027-03-01T12:30:00.000Z',
      '2027-03-01T12:30:00.000Z/2027-03-01T13:30:00.000Z',
    ]);
  });

  it('keeps to the overlap of working hours in different zones', () => {
    // Berlin 09–17 (08–16 UTC in winter) and New York 09–17 (14–22 UTC): the overlap is 14:00–16:00 UTC.
    const slots = findFreeSlots({
      participants: [
        { busy: [], workingHours: hours('Europe/Berlin') },
        { busy: [], workingHours: hours('America/New_York') },
      ],
      from: at('2027-01-11T00:00:00Z'),
      until: at('2027-01-12T00:00:00Z'),
      durationMinutes: 60,
      count: 5,
    });
    expect(iso(slots)).toEqual(['2027-01-11T14:00:00.000Z/2027-01-11T15:00:00.000Z', '2027-01-11T15:00:00.000Z/2027-01-11T16:00:00.000Z']);
  });

  it('follows the wall clock across a DST change: 09:00 Berlin is 08:00 UTC before and 07:00 UTC after', () => {
    // Europe switches on Sunday 28 March 2027; the US already switched on 14 March.
    const before = workingWindows(hours('Europe/Berlin'), at('2027-03-26T00:00:00Z'), at('2027-03-27T00:00:00Z'));
    const after = workingWindows(hours('Europe/Berlin'), at('2027-03-29T00:00:00Z'), at('2027-03-30T00:00:00Z'));
    expect(before.map((window) => window.start.toISOString())).toEqual(['2027-03-26T08:00:00.000Z']);
    expect(after.map((window) => window.start.toISOString())).toEqual(['2027-03-29T07:00:00.000Z']);
    const slots = findFreeSlots({
      participants: [{ busy: [], workingHours: hours('Europe/Berlin') }],
      from: at('2027-03-27T00:00:00Z'),
      until: at('2027-04-01T00:00:00Z'),
      durationMinutes: 30,
      count: 1,
    });
    // Saturday and Sunday are not working days: Monday 09:00 in summer time.
    expect(iso(slots)).toEqual(['2027-03-29T07:00:00.000Z/2027-03-29T07:30:00.000Z']);
  });

  it('on the short night of the change, an overnight shift is one hour shorter', () => {
    const [shift] = workingWindows(hours('Europe/Berlin', '22:00', '06:00', ['saturday']), at('2027-03-27T12:00:00Z'), at('2027-03-28T12:00:00Z'));
    expect(shift!.start.toISOString()).toBe('2027-03-27T21:00:00.000Z');
    expect(shift!.end.toISOString()).toBe('2027-03-28T04:00:00.000Z');
  });

  it('fits slots between busy blocks of several people and skips gaps too short', () => {
    const slots = findFreeSlots({
      participants: [
        { busy: [{ start: at('2027-03-01T09:00:00Z'), end: at('2027-03-01T10:00:00Z') }], workingHours: hours('UTC') },
        { busy: [{ start: at('2027-03-01T10:30:00Z'), end: at('2027-03-01T12:00:00Z') }], workingHours: hours('UTC') },
      ],
      from: at('2027-03-01T09:00:00Z'),
      until: at('2027-03-01T17:00:00Z'),
      durationMinutes: 60,
      count: 2,
    });
    expect(iso(slots)).toEqual(['2027-03-01T12:00:00.000Z/2027-03-01T13:00:00.000Z', '2027-03-01T13:00:00.000Z/2027-03-01T14:00:00.000Z']);
  });

  it('proposes nothing when the window holds no common free time', () => {
    expect(findFreeSlots({
      participants: [{ busy: [{ start: at('2027-03-01T00:00:00Z'), end: at('2027-03-02T00:00:00Z') }], workingHours: hours('UTC') }],
      from: at('2027-03-01T00:00:00Z'),
      until: at('2027-03-02T00:00:00Z'),
      durationMinutes: 30,
    })).toEqual([]);
  });
});

describe("getSchedule's scheduleInformation in the CRM's terms", () => {
  const window = { start: at('2027-03-01T08:00:00Z'), intervalMinutes: 30 };

  it('reads items, statuses and working hours in a Windows zone', () => {
    const person = toPersonAvailability({
      scheduleId: 'alex.wilber@contoso.com',
      availabilityView: '0220',
      scheduleItems: [
        { status: 'busy', start: { dateTime: '2027-03-01T08:30:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-03-01T09:30:00.0000000', timeZone: 'UTC' } },
        { status: 'tentative', start: { dateTime: '2027-03-01T11:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-03-01T11:30:00.0000000', timeZone: 'UTC' } },
        { status: 'free', start: { dateTime: '2027-03-01T12:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-03-01T13:00:00.0000000', timeZone: 'UTC' } },
      ],
      workingHours: { daysOfWeek: ['Monday', 'Friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Pacific Standard Time' } },
    }, window);
    expect(person.known).toBe(true);
    expect(person.busy.map((block) => [block.start.toISOString(), block.status])).toEqual([
      ['2027-03-01T08:30:00.000Z', BusyStatus.BUSY],
      ['2027-03-01T11:00:00.000Z', BusyStatus.TENTATIVE],
    ]);
    expect(person.workingHours).toEqual({ daysOfWeek: ['monday', 'friday'], startTime: '08:00', endTime: '17:00', timeZone: 'America/Los_Angeles' });
  });

  it('marks an error item unknown, and reads availabilityView when no items came', () => {
    expect(toPersonAvailability({ scheduleId: 'someone@example.org', error: { message: 'not found', responseCode: 'error' } }, window)).toEqual({
      email: 'someone@example.org', known: false, busy: [], workingHours: null,
    });
    const fromView = toPersonAvailability({ scheduleId: 'a@contoso.com', availabilityView: '02231' }, window);
    expect(fromView.busy.map((block) => [block.start.toISOString(), block.end.toISOString(), block.status])).toEqual([
      ['2027-03-01T08:30:00.000Z', '2027-03-01T09:30:00.000Z', BusyStatus.BUSY],
      ['2027-03-01T09:30:00.000Z', '2027-03-01T10:00:00.000Z', BusyStatus.OOF],
      ['2027-03-01T10:00:00.000Z', '2027-03-01T10:30:00.000Z', BusyStatus.TENTATIVE],
    ]);
  });

  it('turns a custom zone into its fixed offset', () => {
    const person = toPersonAvailability({
      scheduleId: 'a@contoso.com', scheduleItems: [],
      workingHours: { daysOfWeek: ['monday'], startTime: '09:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { '@odata.type': '#microsoft.graph.customTimeZone', name: 'Customized Time Zone', bias: 480 } },
    }, window);
    expect(person.workingHours!.timeZone).toBe('UTC-8');
    const [monday] = workingWindows(person.workingHours!, at('2027-03-01T00:00:00Z'), at('2027-03-02T00:00:00Z'));
    expect(monday!.start.toISOString()).toBe('2027-03-01T17:00:00.000Z');
  });
});
