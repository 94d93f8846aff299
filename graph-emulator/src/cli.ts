import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startGraphEmulator } from './server.js';

const port = Number(process.env.EMULATOR_PORT ?? 4443);
const dataDir = resolve(process.env.EMULATOR_DATA_DIR ?? '.data/emulator');
const bindHost = process.env.EMULATOR_BIND_HOST;
// PEM file of extra CAs the change-notification client trusts for https notification URLs.
const trustedCaFile = process.env.EMULATOR_NOTIFICATION_TRUSTED_CA;
const notificationTrustedCaPem = trustedCaFile ? readFileSync(resolve(trustedCaFile), 'utf8') : undefined;
// A CRM on this machine usually listens on plain http; `off` makes the emulator refuse it, as Microsoft Graph does.
const allowLoopbackHttpNotificationUrls = process.env.EMULATOR_LOOPBACK_HTTP_WEBHOOKS !== 'off';

const emulator = await startGraphEmulator({
  port,
  dataDir,
  ...(bindHost ? { bindHost } : {}),
  ...(notificationTrustedCaPem ? { notificationTrustedCaPem } : {}),
  allowLoopbackHttpNotificationUrls,
});
console.log(`Graph emulator listening on ${emulator.baseUrl}`);
console.log(`  Graph:     ${emulator.graphBaseUrl}`);
console.log(`  Authority: ${emulator.baseUrl}/common  (MSAL knownAuthorities: ['${emulator.authorityHost}'])`);
console.log(`  CA cert:   ${emulator.caCertPath}  (e.g. NODE_EXTRA_CA_CERTS=${emulator.caCertPath})`);
console.log(`  Demo app:  clientId ${emulator.demoApp.clientId}, secret ${emulator.demoApp.clientSecret}`);
console.log(`  Webhooks:  ${emulator.baseUrl}/_admin/notifications/{settings,subscriptions,deliveries,clock}`);
console.log(
  allowLoopbackHttpNotificationUrls
    ? '  Notification URLs: https, and http to localhost/127.0.0.1/[::1] (an emulator allowance; Microsoft Graph requires https)'
    : '  Notification URLs: https only, as Microsoft Graph',
);

const stop = (): void => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
