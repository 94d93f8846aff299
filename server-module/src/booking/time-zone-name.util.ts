import { DateTime } from 'luxon';

/** An IANA zone name (`Europe/Paris`, `UTC`): letters, '/', '_', '-', '+' and digits, and one that the runtime knows. */
export function isZoneName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  return DateTime.now().setZone(name).isValid;
}
