import type { AppRegistrationRecord } from '../store/emulator-records.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * Exact match, except that http loopback redirect URIs match whatever the port.
 * https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
 */
export function redirectUriRegistered(app: AppRegistrationRecord, requested: string): boolean {
  const asked = parse(requested);
  if (!asked) return false;
  return app.redirectUris.some((registered) => {
    if (registered === requested) return true;
    const known = parse(registered);
    if (!known || known.protocol !== 'http:' || asked.protocol !== 'http:') return false;
    return (
      LOOPBACK_HOSTS.has(known.hostname) &&
      known.hostname === asked.hostname &&
      known.pathname === asked.pathname &&
      known.search === asked.search
    );
  });
}
