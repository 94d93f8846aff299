/** Outlook's named calendar colours (Graph's calendarColor), drawn close to how Outlook on the web paints them. */
const NAMED_COLORS: Record<string, string> = {
  lightBlue: '#4a8fdc',
  lightGreen: '#4fae5b',
  lightOrange: '#ec9a3c',
  lightGray: '#8f959e',
  lightYellow: '#d9b300',
  lightTeal: '#33a8a2',
  lightPink: '#dd6fa8',
  lightBrown: '#a77c52',
  lightRed: '#d9534f',
};

/** The colour used when Outlook leaves it to the app ("auto") or the calendar is unknown. */
export const DEFAULT_CALENDAR_COLOR = '#3b6fd8';

const HEX = /^#[0-9a-f]{6}$/i;

/** A calendar's colour as Outlook shows it: the hex the user picked, else the named colour, else the default. */
export function calendarColor(calendar: { hexColor: string | null; color: string | null } | null | undefined): string {
  if (calendar?.hexColor && HEX.test(calendar.hexColor)) return calendar.hexColor;
  return (calendar?.color && NAMED_COLORS[calendar.color]) || DEFAULT_CALENDAR_COLOR;
}
