import type { Request, Response } from 'express';
import { AdminError, GraphError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';

/** The user named by id or userPrincipalName; 404 on the admin API otherwise. */
export function userOf(store: EmulatorStore, value: string) {
  const user = store.findUser(value);
  if (!user) throw new AdminError(404, `no user ${value}`);
  return user;
}

/** The id of the user in `?user=`, or undefined when the query names none (a listing across all users). */
export function queryUserId(store: EmulatorStore, req: Request): string | undefined {
  return typeof req.query.user === 'string' ? userOf(store, req.query.user).id : undefined;
}

/** Graph's own refusals (a bad property, a stale changeKey) keep their status and code on the admin API. */
export function asOutlook<T>(res: Response, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    res.status(error.status).json({ error: error.message, code: error.code });
    return undefined;
  }
}
