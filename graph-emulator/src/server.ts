import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_APP } from './seed/demo-tenants.js';
import { createBrowserPagesApp } from './http/create-browser-app.js';
import { createEmulatorApp } from './http/create-app.js';
import { NotificationService } from './notifications/notification-service.js';
import type { EmulatorContext } from './http/emulator-context.js';
import type { EmulatorStore } from './store/emulator-store.js';
import { InMemoryEmulatorStore } from './store/in-memory-emulator-store.js';
import { seedDemoCalendars, type DemoCalendarOptions } from './seed/demo-calendar.js';
import { seedDemoContactBooks } from './seed/demo-contacts.js';
import { seedDemoTodos } from './seed/demo-todo.js';
import { seedDemoFileDrives } from './seed/demo-files.js';
import { resolveDemoMailOptions, seedDemoMail, type DemoMailOptions } from './seed/demo-mail-seeder.js';
import { loadEmulatorState, saveEmulatorState, type StateLoadOutcome } from './store/emulator-state-file.js';
import type { MailSettingsPatch, SeedMailboxResult } from './store/mail/mail-records.js';
import type { NotificationSettingsPatch } from './store/subscription-records.js';
import { ensureTlsMaterial } from './tls/certificate-authority.js';
import { loadOrCreateSigningKey } from './tokens/signing-key.js';

export interface GraphEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  bindHost?: string;
  /**
   * Also serve the browser pages (authorize with its account picker and consent page, admin consent, logout) over
   * plain http on this port (0 picks a free one), and advertise that authorize endpoint in the discovery document,
   * so a stock browser opens them without trusting the emulator's CA. Token, discovery, keys and Graph stay on TLS.
   * Off when omitted.
   */
  browserPort?: number;
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
  /**
   * Fill the demo mailboxes (Megan, Alex, Lee Gu, the personal account) with a year of generated mail when the store
   * starts fresh, and again on every reset; not when `persistState` restored an earlier run. Off by default: tests
   * start from empty mailboxes.
   */
  demoMail?: DemoMailOptions;
  /**
   * Fill the demo work accounts' calendars (stand-ups, 1:1s, customer meetings, a shared team calendar) around
   * `today` when the store starts fresh, and again on every reset; not when `persistState` restored an earlier run.
   */
  demoCalendar?: DemoCalendarOptions;
  /**
   * Fill every demo user's Outlook contacts (people matching the demo CRM by email, by name and company, and new
   * ones; a nested folder) when the store starts fresh, and again on every reset.
   */
  demoContacts?: boolean;
  /** Fill every demo user's Microsoft To Do (lists, tasks, linked resources) when the store starts fresh, and on every reset. */
  demoTodo?: boolean;
  /** Fill every demo user's OneDrive and give each work tenant a SharePoint site, when the store starts fresh and on every reset. */
  demoFiles?: boolean;
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
  /** With `browserPort`: `http://localhost:BROWSER_PORT`, where the sign-in and consent pages are also served. */
  browserBaseUrl?: string;
  caCertPath: string;
  caCertPem: string;
  demoApp: { clientId: string; clientSecret: string };
  store: EmulatorStore;
  /** Change notifications: lifecycle triggers, the clock, `idle()`; knobs and the delivery log live on `store.subscriptions`. */
  notifications: NotificationService;
  /** What `demoMail` put in the mailboxes at start; absent when it is off or an earlier run's state was restored. */
  demoMail?: { seed: number; until: string; mailboxes: SeedMailboxResult[] };
  /** With `persistState`: whether an earlier run's state was picked up. */
  state?: StateLoadOutcome;
  close(): Promise<void>;
}

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<RunningGraphEmulator> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const tls = ensureTlsMaterial(options.dataDir);
  const signingKey = await loadOrCreateSigningKey(options.dataDir);
  // `until` is fixed here, so that a reset later gives back the same mail.
  const demoMail = options.demoMail ? resolveDemoMailOptions(options.demoMail) : undefined;
  let demoMailboxes: SeedMailboxResult[] = [];
  // `today` is fixed here too, so that a reset gives back the same calendar.
  const demoCalendar = options.demoCalendar ? { today: options.demoCalendar.today ?? new Date().toISOString(), ...options.demoCalendar } : undefined;
  // Fixed here too, so that a reset gives back the same due dates.
  const demoTodayMs = Date.now();
  const store = new InMemoryEmulatorStore(
    {
      ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
      ...(options.refreshTokenLifetimeSeconds ? { refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds } : {}),
    },
    {
      ...options.notificationSettings,
      ...(options.allowLoopbackHttpNotificationUrls !== undefined ? { allowLoopbackHttpNotificationUrls: options.allowLoopbackHttpNotificationUrls } : {}),
    },
    demoMail || demoCalendar || options.demoContacts || options.demoTodo || options.demoFiles
      ? (fresh) => {
        if (demoMail) demoMailboxes = seedDemoMail(fresh, demoMail);
        if (demoCalendar) seedDemoCalendars(fresh, demoCalendar);
        if (options.demoContacts) seedDemoContactBooks(fresh);
        if (options.demoTodo) seedDemoTodos(fresh, demoTodayMs);
        if (options.demoFiles) seedDemoFileDrives(fresh);
      }
      : undefined,
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

  const bindHost = options.bindHost ?? '127.0.0.1';
  let browserServer: HttpServer | undefined;
  try {
    await listen(server, options.port ?? 0, bindHost);
    if (options.browserPort !== undefined) {
      browserServer = createHttpServer(createBrowserPagesApp(context));
      // Plain http carries authorization codes in the clear: loopback only, whatever the TLS listener binds to.
      await listen(browserServer, options.browserPort, '127.0.0.1');
      context.browserPort = (browserServer.address() as AddressInfo).port;
    }
  } catch (error) {
    await Promise.all([closeServer(server), browserServer ? closeServer(browserServer) : undefined]);
    await notifications.close();
    throw error;
  }
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
    ...(context.browserPort ? { browserBaseUrl: `http://localhost:${context.browserPort}` } : {}),
    caCertPath: tls.caCertPath,
    caCertPem: tls.caCertPem,
    demoApp: { clientId: DEMO_APP.clientId, clientSecret: DEMO_APP.clientSecret },
    store,
    notifications,
    ...(state ? { state } : {}),
    ...(demoMail && state?.kind !== 'restored' ? { demoMail: { seed: demoMail.seed, until: new Date(demoMail.until).toISOString(), mailboxes: demoMailboxes } } : {}),
    close: async () => {
      if (saver) {
        clearInterval(saver);
        save();
      }
      await notifications.close();
      await Promise.all([closeServer(server), browserServer ? closeServer(browserServer) : undefined]);
    },
  };
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
