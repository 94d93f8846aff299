/** Only same-origin paths (`/settings/accounts`), never `//host` or absolute URLs, so the flow cannot become an open redirect. */
export function safeRedirectLocation(location: string | undefined): string | null {
  if (!location || !location.startsWith('/') || location.startsWith('//') || location.includes('\\')) return null;
  return location;
}
