import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { realTimeUnavailableReason } from '@m365/server-module';
import { createDevHost } from './create-dev-host.js';
import { DEMO_MEMBERS, DEMO_PASSWORD } from './seed/demo-credentials.js';

const env = process.env;
const logger = new Logger('DevHost');
const port = Number(env.PORT ?? 3000);
const optionalNumber = (value: string | undefined) => (value ? Number(value) : undefined);
const portNumber = (name: string, fallback: number): number => {
  const value = env[name] ? Number(env[name]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, not "${env[name]}"`);
  return value;
};
// The emulator's demo mailboxes get a year of mail from this seed on a fresh start; `off` leaves them empty.
const demoMailSeed = env.DEMO_MAIL_SEED === 'off' ? undefined : Number(env.DEMO_MAIL_SEED || 1);
if (demoMailSeed !== undefined && !(Number.isInteger(demoMailSeed) && demoMailSeed >= 0 && demoMailSeed <= 0xffffffff)) {
  throw new Error(`DEMO_MAIL_SEED must be a whole number from 0 to 4294967295, or "off" (it is "${env.DEMO_MAIL_SEED}")`);
}

// Their calendars get a few weeks of meetings around today on a fresh start; `off` leaves them empty.
const demoCalendar = env.DEMO_CALENDAR !== 'off';
// Outlook contacts and To Do lists for the demo users on a fresh start; `off` leaves them empty.
const demoContacts = env.DEMO_CONTACTS !== 'off';
const demoTodo = env.DEMO_TODO !== 'off';
const demoFiles = env.DEMO_FILES !== 'off';

const host = await createDevHost({
  port,
  host: env.HOST,
  publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
  dataDir: env.DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url)),
  databaseUrl: env.DATABASE_URL || undefined,
  redisUrl: env.REDIS_URL || undefined,
  appSecret: env.APP_SECRET || undefined,
  emulatorPort: Number(env.EMULATOR_PORT ?? 4443),
  emulatorBrowserPort: portNumber('EMULATOR_BROWSER_PORT', 4080),
  queuePrefix: env.QUEUE_PREFIX || undefined,
  jobConcurrency: optionalNumber(env.JOB_CONCURRENCY),
  jobWorkers: env.JOB_WORKERS !== 'off',
  persistEmulatorState: true,
  ...(demoMailSeed === undefined ? {} : { demoMail: { seed: demoMailSeed } }),
  ...(demoCalendar ? { demoCalendar: {} } : {}),
  ...(demoContacts ? { demoContacts: true } : {}),
  ...(demoTodo ? { demoTodo: true } : {}),
  ...(demoFiles ? { demoFiles: true } : {}),
});

logger.log(`Dev host ready at ${host.publicUrl} (GraphQL: ${host.publicUrl}/graphql)`);
logger.log(`Database: ${env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : 'embedded PGlite'}; jobs: ${env.REDIS_URL ? 'BullMQ on REDIS_URL' : 'in-process'}`);
logger.log(`Demo sign-in: ${DEMO_MEMBERS.map((member) => member.email).join(' or ')} with password "${DEMO_PASSWORD}"`);
if (host.emulator) {
  logger.log(`Microsoft emulator at ${host.emulator.baseUrl} (CA: ${host.emulator.caCertPath})`);
  if (host.emulator.browserBaseUrl) {
    logger.log(`Emulator sign-in and consent pages for the browser at ${host.emulator.browserBaseUrl} (plain http on loopback; tokens, discovery and Graph stay on https)`);
  }
  if (host.emulator.store.subscriptions.getSettings().allowLoopbackHttpNotificationUrls) {
    logger.log('Emulator accepts http notification URLs to localhost, 127.0.0.1 and [::1] so push works here; Microsoft Graph accepts https only');
  }
  const state = host.emulator.state;
  if (state?.kind === 'restored') logger.log(`Emulator state restored as saved at ${state.savedAt}: connected accounts keep working`);
  if (state?.kind === 'set-aside') logger.warn(`Emulator state could not be read (${state.reason}); moved to ${state.movedTo}, starting from the seeded tenant`);
  const demoMail = host.emulator.demoMail;
  if (demoMail) logger.log(`Demo mailboxes filled with a year of mail (seed ${demoMail.seed}): ${demoMail.mailboxes.map((mailbox) => `${mailbox.user} ${mailbox.messages}`).join(', ')}`);
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
