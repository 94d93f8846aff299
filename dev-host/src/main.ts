import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { realTimeUnavailableReason } from '@m365/server-module';
import { createDevHost } from './create-dev-host.js';
import { DEMO_MEMBERS, DEMO_PASSWORD } from './seed/demo-credentials.js';

const env = process.env;
const logger = new Logger('DevHost');
const port = Number(env.PORT ?? 3000);
const optionalNumber = (value: string | undefined) => (value ? Number(value) : undefined);

const host = await createDevHost({
  port,
  host: env.HOST,
  publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
  dataDir: env.DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url)),
  databaseUrl: env.DATABASE_URL || undefined,
  redisUrl: env.REDIS_URL || undefined,
  appSecret: env.APP_SECRET || undefined,
  emulatorPort: Number(env.EMULATOR_PORT ?? 4443),
  queuePrefix: env.QUEUE_PREFIX || undefined,
  jobConcurrency: optionalNumber(env.JOB_CONCURRENCY),
  jobWorkers: env.JOB_WORKERS !== 'off',
  persistEmulatorState: true,
});

logger.log(`Dev host ready at ${host.publicUrl} (GraphQL: ${host.publicUrl}/graphql)`);
logger.log(`Database: ${env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : 'embedded PGlite'}; jobs: ${env.REDIS_URL ? 'BullMQ on REDIS_URL' : 'in-process'}`);
logger.log(`Demo sign-in: ${DEMO_MEMBERS.map((member) => member.email).join(' or ')} with password "${DEMO_PASSWORD}"`);
if (host.emulator) {
  logger.log(`Microsoft emulator at ${host.emulator.baseUrl} (CA: ${host.emulator.caCertPath})`);
  if (host.emulator.store.subscriptions.getSettings().allowLoopbackHttpNotificationUrls) {
    logger.log('Emulator accepts http notification URLs to localhost, 127.0.0.1 and [::1] so push works here; Microsoft Graph accepts https only');
  }
  const state = host.emulator.state;
  if (state?.kind === 'restored') logger.log(`Emulator state restored as saved at ${state.savedAt}: connected accounts keep working`);
  if (state?.kind === 'set-aside') logger.warn(`Emulator state could not be read (${state.reason}); moved to ${state.movedTo}, starting from the seeded tenant`);
}
const realTimeOff = realTimeUnavailableReason(host.microsoft);
if (realTimeOff) logger.warn(`${realTimeOff}: accounts sync every 5 minutes`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    host.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`Shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
