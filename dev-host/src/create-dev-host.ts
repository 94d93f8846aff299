import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { DataSource } from 'typeorm';
import { WebhookFastPath, type MicrosoftPluginConfig } from '@m365/server-module';
import { securityHeaders } from './http/security-headers.js';
import { AppModule } from './app.module.js';
import { deriveKey, resolveAppSecret } from './config/app-secret.js';
import { buildMicrosoftConfig, wantsEmulator } from './config/microsoft-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';
import { openHostDataSource } from './database/host-data-source.js';
import type { DevHostOptions } from './dev-host-options.js';
import { findFreePort } from './free-port.js';
import { mountRoutesBeforeFramework } from './http/routes-before-framework.js';
import type { ClosableJobSystem } from './jobs/closable-job-system.js';
import { createJobSystem } from './jobs/create-job-system.js';
import { seedDemoWorkspace } from './seed/demo-seed.js';
import { serveFront } from './web/serve-front.js';

export type RunningEmulator = Awaited<ReturnType<typeof import('@m365/graph-emulator').startGraphEmulator>>;

export interface DevHost {
  app: NestExpressApplication;
  /** Where this process listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  publicUrl: string;
  dataSource: DataSource;
  jobs: ClosableJobSystem;
  emulator?: RunningEmulator;
  microsoft: MicrosoftPluginConfig;
  close(): Promise<void>;
}

const JSON_BODY_LIMIT = '10mb';

/** Starts the dev host: database (migrated, seeded), job system, optional Microsoft emulator, and the Nest app with the plugin. */
export async function createDevHost(options: DevHostOptions): Promise<DevHost> {
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const cleanup: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };

  try {
    const port = options.port || (await findFreePort());
    const publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
    const appSecret = resolveAppSecret(options.appSecret, dataDir);

    let emulator: RunningEmulator | undefined;
    if (options.startEmulator ?? wantsEmulator(env, options.microsoft)) {
      const { startGraphEmulator } = await import('@m365/graph-emulator');
      emulator = await startGraphEmulator({
        port: options.emulatorPort ?? 0,
        browserPort: options.emulatorBrowserPort ?? 0,
        dataDir: join(dataDir, 'emulator'),
        persistState: options.persistEmulatorState ?? false,
        ...(options.demoMail ? { demoMail: options.demoMail } : {}),
        ...(options.demoCalendar ? { demoCalendar: options.demoCalendar } : {}),
        ...(options.demoContacts ? { demoContacts: true } : {}),
        ...(options.demoTodo ? { demoTodo: true } : {}),
        ...(options.demoFiles ? { demoFiles: true } : {}),
        // The dev host listens on http://localhost: let push work on a laptop (Microsoft Graph itself requires https).
        allowLoopbackHttpNotificationUrls: true,
      });
      const started = emulator;
      cleanup.push(() => started.close());
    }
    // The plugin's per-mailbox Graph gate shares the job system's Redis and key prefix, so it holds across the same processes.
    const redis = options.redisUrl ? { redis: { url: options.redisUrl, keyPrefix: options.queuePrefix ?? 'm365' } } : {};
    const microsoft = buildMicrosoftConfig({ env, dataDir, publicUrl, appSecret, emulator, overrides: { ...redis, ...options.microsoft } });

    let embedded: EmbeddedPostgres | undefined;
    if (!options.databaseUrl) {
      embedded = await startEmbeddedPostgres(join(dataDir, 'pglite'));
      const started = embedded;
      cleanup.push(() => started.stop());
    }
    const dataSource = await openHostDataSource({ url: options.databaseUrl ?? embedded!.url, poolSize: options.databasePoolSize ?? (embedded ? 1 : 10) });
    cleanup.push(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    });
    if (options.seed ?? true) await seedWhenEmpty(dataSource);

    const jobs = createJobSystem({
      redisUrl: options.redisUrl,
      queuePrefix: options.queuePrefix,
      concurrency: options.jobConcurrency,
      backoffDelayMs: options.jobBackoffDelayMs,
      runWorkers: options.jobWorkers,
    });
    cleanup.push(() => jobs.close());

    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ dataSource, jobs, microsoft, session: { key: deriveKey(appSecret, 'session'), secureCookie: publicUrl.startsWith('https://') } }),
      { logger: options.logger ?? ['log', 'warn', 'error'], bodyParser: false },
    );
    app.use(securityHeaders({ https: publicUrl.startsWith('https://') }));
    app.use(cookieParser());
    serveFront(app, options.frontDir);
    app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
    app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: true });
    // Closing runs in reverse: the job system drains its running jobs before Nest closes the modules they use.
    cleanup.splice(cleanup.length - 1, 0, () => app.close());
    await app.init();
    if (options.webhookFastPath ?? true) {
      const webhook = app.get(WebhookFastPath);
      mountRoutesBeforeFramework(app, [(request, response) => webhook.tryHandle(request, response)]);
    }
    await app.listen(port, options.host ?? '127.0.0.1');

    let closing: Promise<void> | undefined;
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      publicUrl,
      dataSource,
      jobs,
      emulator,
      microsoft,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function seedWhenEmpty(dataSource: DataSource): Promise<void> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS "count" FROM "workspace"`);
  if (count > 0) return;
  const { DEMO_DIRECTORY } = await import('@m365/graph-emulator');
  await seedDemoWorkspace(dataSource, DEMO_DIRECTORY);
}
