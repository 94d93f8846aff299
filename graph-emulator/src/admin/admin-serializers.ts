import type { AdminConsentRecord, IssuedTokenLogEntry, UserConsentRecord } from '../store/emulator-records.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function issuedTokenJson(entry: IssuedTokenLogEntry) {
  return { ...entry, issuedAt: iso(entry.issuedAt), expiresAt: iso(entry.expiresAt) };
}

export function adminConsentJson(record: AdminConsentRecord) {
  return { ...record, grantedAt: iso(record.grantedAt) };
}

export function userConsentJson(record: UserConsentRecord) {
  return { ...record, updatedAt: iso(record.updatedAt) };
}
