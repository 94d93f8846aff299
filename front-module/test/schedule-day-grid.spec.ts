import { gridRange, localDate, localInstant, placeOnGrid } from '../src/scheduling/day-grid';
import { teamsMeetingHtml } from '../src/scheduling/components/InsertTeamsMeetingButton';

describe('the Schedule meeting day grid', () => {
  it('covers 07:00–19:00 of the chosen day, block positions in percent of it', () => {
    const range = gridRange('2027-03-01', null);
    expect(range.start).toEqual(localInstant('2027-03-01', '07:00'));
    expect(range.hours).toHaveLength(12);
    const block = placeOnGrid(range, localInstant('2027-03-01', '10:00'), localInstant('2027-03-01', '11:00'))!;
    expect(block.left).toBeCloseTo(25);
    expect(block.width).toBeCloseTo(100 / 12);
    // Clipped at the edges; outside, nothing.
    const clipped = placeOnGrid(range, localInstant('2027-03-01', '06:00'), localInstant('2027-03-01', '08:00'))!;
    expect(clipped.left).toBe(0);
    expect(clipped.width).toBeCloseTo(100 / 12);
    expect(placeOnGrid(range, localInstant('2027-03-01', '20:00'), localInstant('2027-03-01', '21:00'))).toBeNull();
  });

  it('widens to a meeting outside those hours', () => {
    const range = gridRange('2027-03-01', { start: localInstant('2027-03-01', '06:30'), end: localInstant('2027-03-01', '20:15') });
    expect(range.start).toEqual(localInstant('2027-03-01', '06:00'));
    expect(range.end).toEqual(localInstant('2027-03-01', '21:00'));
    expect(localDate(range.start)).toBe('2027-03-01');
  });
});

describe('Insert Teams meeting', () => {
  it('puts the join link, the meeting id and the passcode in the message, escaped', () => {
    const html = teamsMeetingHtml({ joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/a?b=1&c="2"', joinMeetingId: '123 456', passcode: '<x>' });
    expect(html).toContain('href="https://teams.microsoft.com/l/meetup-join/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain('Meeting ID: 123 456');
    expect(html).toContain('Passcode: &lt;x&gt;');
  });
});
