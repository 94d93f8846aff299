import type { CookieOptions, Request, Response } from 'express';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from './session-settings.js';

function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(secure), maxAge: SESSION_TTL_SECONDS * 1000 });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

/** The session token from the cookie, or from `Authorization: Bearer …` for API clients. */
export function readSessionToken(req: Request): string | null {
  const fromCookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  if (fromCookie) return fromCookie;
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers?.authorization ?? '');
  return match?.[1] ?? null;
}
