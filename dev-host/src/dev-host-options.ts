import type { LoggerService, LogLevel } from '@nestjs/common';
import type { MicrosoftPluginConfig } from '@m365/server-module';

export interface DevHostOptions {
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Interface to bind; 127.0.0.1 when omitted (the demo passwords are public). */
  host?: string;
  /** PostgreSQL URL; embedded PGlite in `${dataDir}/pglite` when omitted. */
  databaseUrl?: string;
  /** Connections in the host's database pool: 1 on embedded PGlite, 10 otherwise, when omitted. */
  databasePoolSize?: number;
  /** Redis URL for BullMQ; jobs run in-process when omitted. */
  redisUrl?: string;
  /** Where the embedded database, the generated secrets and the emulator's state live. */
  dataDir: string;
  /** The origin browsers and Microsoft reach the host at; `http://localhost:PORT` by default. */
  publicUrl?: string;
  /** Secret for sessions and plugin signing; generated into `${dataDir}/app-secret` when omitted. */
  appSecret?: string;
  /** Run the Microsoft emulator in-process; by default only when no Microsoft authority is configured. */
  startEmulator?: boolean;
  /** Emulator HTTPS port (0 picks a free one). */
  emulatorPort?: number;
  /**
   * Plain-http loopback port where the emulator also serves its sign-in and consent pages, so a browser that does not
   * trust the emulator's CA opens them (0, the default, picks a free one).
   */
  emulatorBrowserPort?: number;
  /** Keep the emulator's tenant, tokens, mailboxes and subscriptions in `${dataDir}/emulator` across restarts. */
  persistEmulatorState?: boolean;
  /**
   * Fill the emulator's demo mailboxes with a year of generated mail when its state is fresh (`npm start` does);
   * by default they start empty.
   */
  demoMail?: { seed: number; until?: string | number | Date };
  /**
   * Fill the demo work accounts' calendars (stand-ups, 1:1s, customer meetings, a shared team calendar) around
   * `today` when the emulator's state is fresh (`npm start` does); by default they start empty.
   */
  demoCalendar?: { today?: string };
  /** Give the demo users Outlook contacts (some matching CRM people) on a fresh emulator state (`npm start` does). */
  demoContacts?: boolean;
  /** Give the demo users Microsoft To Do lists and tasks on a fresh emulator state (`npm start` does). */
  demoTodo?: boolean;
  /** The emulator fills every demo user's OneDrive and gives the work tenants a SharePoint site (npm start: DEMO_FILES, default on). */
  demoFiles?: boolean;
  /** Overrides applied last to the plugin's configuration. */
  microsoft?: Partial<MicrosoftPluginConfig>;
  /** BullMQ key prefix. */
  queuePrefix?: string;
  jobConcurrency?: number;
  /** With Redis: false runs no job workers here (a web-only process next to worker processes). Default true. */
  jobWorkers?: boolean;
  jobBackoffDelayMs?: number;
  /** Where MICROSOFT_*, TOKEN_ENCRYPTION_KEYS and FRONT_URL are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Nest log levels, false for silence, or a logger that receives every level (Nest's and the plugin's lines). */
  logger?: LogLevel[] | LoggerService | false;
  /** The built front to serve (`dev-host/web/dist` by default); nothing is served when it has no index.html. */
  frontDir?: string;
  /**
   * Answer the plugin's Graph webhook on the bare HTTP server, before Express (default true); false leaves it to the
   * plugin's Nest controller, as a host that mounts nothing would.
   */
  webhookFastPath?: boolean;
  /** Seed the demo workspace when the database has none (default true). */
  seed?: boolean;
}
