import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { aad } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { AppRegistrationRecord } from '../store/emulator-records.js';

function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
  const decode = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Confidential-client authentication: `client_secret` in the body or HTTP Basic. */
export function authenticateClient(store: EmulatorStore, tenantSegment: string, req: Request): AppRegistrationRecord {
  const body = req.body as Record<string, unknown> | undefined;
  const basic = basicCredentials(req.get('authorization'));
  const clientId = basic?.clientId ?? field(body, 'client_id');
  if (!clientId) throw aad.missingParameter('client_id');
  const app = store.getApp(clientId);
  if (!app) throw aad.unknownClient(clientId, tenantSegment);
  const secret = basic?.secret ?? field(body, 'client_secret');
  if (!secret) throw aad.missingClientSecret();
  if (!sameSecret(secret, app.clientSecret)) throw aad.invalidClientSecret(app.clientId);
  return app;
}
