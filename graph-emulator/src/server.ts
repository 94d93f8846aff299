import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_APP } from './seed/demo-tenants.js';
import { createEmulatorApp } from './http/create-app.js';
import { NotificationService } from './notifications/notification-service.js';
import type { EmulatorContext } from './http/emulator-context.js';
import type { EmulatorStore } from './store/emulator-store.js';
import { InMemoryEmulatorStore } from './store/in-memory-emulator-store.js';
import { loadEmulatorState, saveEmulatorState, type StateLoadOutcome } from './store/emulator-state-file.js';
import type { MailSettingsPatch } from './store/mail-records.js';
import type { NotificationSettingsPatch } from './store/subscription-records.js';
import { ensureTlsMaterial } from './tls/certificate-authority.js';
import { loadOrCreateSigningKey } from './tokens/signing-key.js';

export interface GraphEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  bindHost?: string;
  /** Where the CA, server certificate and token-signing key live. */
  dataDir: string;
  /** Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Inactivity lifetime of refresh tokens; default 90 days. */
  refreshTokenLifetimeSeconds?: number;
  /** Initial mailbox knobs (throttling, faults, delta); the defaults are Microsoft's. `store.reset()` restores the defaults. */
  mailSettings?: MailSettingsPatch;
  /** Initial change-notification knobs (delay, drop/duplicate, batching, timeouts, retries…); `store.reset()` restores these. */
  notificationSettings?: NotificationSettingsPatch;
  /**
   * PEM CA certificate(s) the notification client trusts for https notification URLs, besides the system CAs and
   * the emulator's own CA (always trusted).
   */
  notificationTrustedCaPem?: string | string[];
  /**
   * Accept plain-http notification URLs to the loopback host (localhost, 127.0.0.1, [::1]) for a CRM on a laptop.
   * Off by default: like Microsoft Graph, the emulator then refuses any notificationUrl or lifecycleNotificationUrl
   * that is not https. Also a notification setting (`PUT /_admin/notifications/settings`); `store.reset()` keeps it.
   */
  allowLoopbackHttpNotificationUrls?: boolean;
  /**
   * Keep the tenant, tokens, mailboxes and subscriptions in `dataDir` across restarts (saved every few seconds and on
   * close). Off by default: tests start from the seeded tenant each time.
   */
  persistState?: boolean;
}

const STATE_FILE = 'state.v8';
const SAVE_EVERY_MS = 5_000;

export interface RunningGraphEmulator {
  /** `https://localhost:PORT` */
  baseUrl: string;
  /** `localhost:PORT`, for MSAL's `knownAuthorities`. */
  authorityHost: string;
  /** `https://localhost:PORT/v1.0` */
  graphBaseUrl: string;
  caCertPath: string;
  caCertPem: string;
  demoApp: { clientId: string; clientSecret: string };
  store: EmulatorStore;
  /** Change notifications: lifecycle triggers, the clock, `idle()`; knobs and the delivery log live on `store.subscriptions`. */
  notifications: NotificationService;
  /** With `persistState`: whether an earlier run's state was picked up. */
  state?: StateLoadOutcome;
  close(): Promise<void>;
}

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<RunningGraphEmulator> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const tls = ensureTlsMaterial(options.dataDir);
  const signingKey = await loadOrCreateSigningKey(options.dataDir);
  const store = new InMemoryEmulatorStore(
    {
      ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
      ...(options.refreshTokenLifetimeSeconds ? { refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds } : {}),
    },
    {
      ...options.notificationSettings,
      ...(options.allowLoopbackHttpNotificationUrls !== undefined ? { allowLoopbackHttpNotificationUrls: options.allowLoopbackHttpNotificationUrls } : {}),
    },
  );
  const statePath = join(options.dataDir, STATE_FILE);
  const state = options.persistState ? loadEmulatorState(store, statePath) : undefined;
  if (options.mailSettings) store.mail.updateSettings(options.mailSettings);
  // This run's choice, not the saved one.
  if (options.allowLoopbackHttpNotificationUrls !== undefined) {
    store.subscriptions.updateSettings({ allowLoopbackHttpNotificationUrls: options.allowLoopbackHttpNotificationUrls });
  }
  const notifications = new NotificationService(store, {
    emulatorCaPem: tls.caCertPem,
    ...(options.notificationTrustedCaPem ? { trustedCaPem: options.notificationTrustedCaPem } : {}),
  });
  notifications.start();
  const context: EmulatorContext = { store, signingKey, port: 0, notifications };
  const server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem }, createEmulatorApp(context));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      void notifications.close();
      reject(error);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, options.bindHost ?? '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  context.port = (server.address() as AddressInfo).port;
  const save = () => {
    try {
      saveEmulatorState(store, statePath);
    } catch (error) {
      process.emitWarning(`The emulator could not save its state to ${statePath}: ${(error as Error).message}`);
    }
  };
  const saver = options.persistState ? setInterval(save, SAVE_EVERY_MS) : undefined;
  saver?.unref();
  const authorityHost = `localhost:${context.port}`;

  return {
    baseUrl: `https://${authorityHost}`,
    authorityHost,
    graphBaseUrl: `https://${authorityHost}/v1.0`,
    caCertPath: tls.caCertPath,
    caCertPem: tls.caCertPem,
    demoApp: { clientId: DEMO_APP.clientId, clientSecret: DEMO_APP.clientSecret },
    store,
    notifications,
    ...(state ? { state } : {}),
    close: async () => {
      if (saver) {
        clearInterval(saver);
        save();
      }
      await notifications.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
