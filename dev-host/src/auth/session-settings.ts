export const SESSION_SETTINGS = 'DEV_HOST_SESSION_SETTINGS';
export const SESSION_COOKIE = 'devHostSession';
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface SessionSettings {
  /** HS256 key for session tokens, derived from the app secret. */
  key: Buffer;
  /** Mark the cookie `Secure` (when the public URL is https). */
  secureCookie: boolean;
}
