import type { Request } from 'express';
import type { NotificationService } from '../notifications/notification-service.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { SigningKey } from '../tokens/signing-key.js';

/** What every handler needs: the store, the signing key and the host names the emulator answers to. */
export interface EmulatorContext {
  store: EmulatorStore;
  signingKey: SigningKey;
  /** Change notifications: validation handshakes, delivery, lifecycle events. */
  notifications: NotificationService;
  /** 0 until the server listens. */
  port: number;
  /**
   * Port of the plain-http loopback listener that also serves the browser pages (authorize, admin consent, logout);
   * absent when the emulator serves them on TLS only.
   */
  browserPort?: number;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function defaultHost(context: EmulatorContext): string {
  return `localhost:${context.port}`;
}

/**
 * The host the client used, when it is one of the emulator's own names: discovery and token issuers must
 * carry the authority's host, or MSAL rejects the discovery document.
 */
export function requestHost(context: EmulatorContext, req: Request): string {
  const host = (req.headers.host ?? '').toLowerCase();
  return LOOPBACK_NAMES.some((name) => host === `${name}:${context.port}`) ? host : defaultHost(context);
}

export function requestOrigin(context: EmulatorContext, req: Request): string {
  return `https://${requestHost(context, req)}`;
}

/**
 * `http://{host the client used}:{browserPort}`, where a browser without the emulator's CA opens the sign-in and consent
 * pages; undefined when the emulator has no browser listener.
 */
export function browserOrigin(context: EmulatorContext, req: Request): string | undefined {
  if (!context.browserPort) return undefined;
  const hostname = new URL(`https://${requestHost(context, req)}`).hostname;
  return `http://${hostname}:${context.browserPort}`;
}
