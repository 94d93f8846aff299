import {
  addRange,
  copyToBookableDays,
  periodsFromWeekHours,
  removeRange,
  setDayAvailable,
  setRange,
  weekHoursFromPeriods,
  weekHoursProblems,
} from '../src/booking-pages/working-hours';

const outlookWeek = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, start: '08:00:00', end: '17:00:00' }));

describe('the working-hours form model', () => {
  it("shows Outlook's working days as bookable and the weekend as off, with hh:mm times", () => {
    const week = weekHoursFromPeriods(outlookWeek);
    expect(week.monday).toEqual({ available: true, ranges: [{ start: '08:00', end: '17:00' }] });
    expect(week.saturday.available).toBe(false);
    expect(week.sunday.available).toBe(false);
    expect(periodsFromWeekHours(week)).toEqual(outlookWeek.map((period) => ({ day: period.day, start: '08:00', end: '17:00' })));
  });

  it('keeps several ranges of a day in order, and gives them back Monday first', () => {
    const week = weekHoursFromPeriods([
      { day: 'Friday', start: '14:00', end: '18:00' },
      { day: 'friday', start: '09:00', end: '12:00' },
      { day: 'monday', start: '10:00', end: '11:00' },
    ]);
    expect(week.friday.ranges).toEqual([{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }]);
    expect(periodsFromWeekHours(week).map((period) => `${period.day} ${period.start}`)).toEqual(['monday 10:00', 'friday 09:00', 'friday 14:00']);
  });

  it('turns a day off and on again without losing its hours', () => {
    let week = weekHoursFromPeriods(outlookWeek);
    week = setDayAvailable(week, 'monday', false);
    expect(periodsFromWeekHours(week).some((period) => period.day === 'monday')).toBe(false);
    week = setDayAvailable(week, 'monday', true);
    expect(week.monday.ranges).toEqual([{ start: '08:00', end: '17:00' }]);
    // A day that was off in Outlook offers the usual hours when turned on.
    expect(setDayAvailable(week, 'saturday', true).saturday.ranges).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  it('adds a range an hour after the last, removes ranges, and the last one removed turns the day off', () => {
    let week = weekHoursFromPeriods([{ day: 'monday', start: '09:00', end: '12:00' }]);
    week = addRange(week, 'monday');
    expect(week.monday.ranges).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '14:00' }]);
    week = removeRange(week, 'monday', 0);
    expect(week.monday.ranges).toEqual([{ start: '13:00', end: '14:00' }]);
    week = removeRange(week, 'monday', 0);
    expect(week.monday.available).toBe(false);
    // "Add hours" on a day that is off turns it on with its hours, not with a second range.
    week = addRange(week, 'monday');
    expect(week.monday).toEqual({ available: true, ranges: [{ start: '13:00', end: '14:00' }] });
    expect(addRange(week, 'sunday').sunday).toEqual({ available: true, ranges: [{ start: '09:00', end: '17:00' }] });
  });

  it('copies one day to the other bookable days only', () => {
    let week = weekHoursFromPeriods(outlookWeek);
    week = setRange(week, 'monday', 0, { start: '10:00' });
    week = setDayAvailable(week, 'wednesday', false);
    const copied = copyToBookableDays(week, 'monday');
    expect(copied.tuesday.ranges).toEqual([{ start: '10:00', end: '17:00' }]);
    expect(copied.wednesday.available).toBe(false);
    expect(copied.saturday.available).toBe(false);
  });

  it('names the day whose range ends before it starts, overlaps, or is not a time', () => {
    let week = weekHoursFromPeriods(outlookWeek);
    expect(weekHoursProblems(week)).toEqual({ days: {}, overall: null });
    week = setRange(week, 'tuesday', 0, { end: '08:00' });
    week = addRange(setRange(week, 'thursday', 0, {}), 'thursday');
    week = setRange(week, 'thursday', 1, { start: '16:00', end: '18:00' });
    week = setRange(week, 'friday', 0, { start: '' });
    expect(weekHoursProblems(week).days).toEqual({
      tuesday: 'Tuesday: each range must end after it starts',
      thursday: 'Thursday: the ranges overlap',
      friday: 'Friday: enter times as hh:mm',
    });
    // A day that is off is not checked.
    expect(weekHoursProblems(setDayAvailable(week, 'tuesday', false)).days.tuesday).toBeUndefined();
  });

  it('asks for at least one bookable day', () => {
    expect(weekHoursProblems(weekHoursFromPeriods([])).overall).toBe('Choose at least one day guests can book');
  });
});
