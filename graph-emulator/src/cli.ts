import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startGraphEmulator } from './server.js';

const port = Number(process.env.EMULATOR_PORT ?? 4443);
// Plain-http loopback port of the sign-in and consent pages, so a stock browser opens them; "off" serves them on TLS only.
const browserPortSetting = process.env.EMULATOR_BROWSER_PORT ?? '4080';
const browserPort = browserPortSetting === 'off' ? undefined : Number(browserPortSetting);
if (browserPort !== undefined && !(Number.isInteger(browserPort) && browserPort >= 0 && browserPort < 65536)) {
  throw new Error(`EMULATOR_BROWSER_PORT must be a port number or "off", not "${browserPortSetting}"`);
}
const dataDir = resolve(process.env.EMULATOR_DATA_DIR ?? '.data/emulator');
const bindHost = process.env.EMULATOR_BIND_HOST;
// PEM file of extra CAs the change-notification client trusts for https notification URLs.
const trustedCaFile = process.env.EMULATOR_NOTIFICATION_TRUSTED_CA;
const notificationTrustedCaPem = trustedCaFile ? readFileSync(resolve(trustedCaFile), 'utf8') : undefined;
// A number fills the demo mailboxes with a year of mail generated from it.
const demoMailSeed = process.env.DEMO_MAIL_SEED && process.env.DEMO_MAIL_SEED !== 'off' ? Number(process.env.DEMO_MAIL_SEED) : undefined;
// `on` fills the demo work accounts' calendars around today.
const demoCalendar = process.env.DEMO_CALENDAR === 'on';
// `on` fills every demo user's Outlook contacts.
const demoContacts = process.env.DEMO_CONTACTS === 'on';
// `on` fills every demo user's Microsoft To Do.
const demoTodo = process.env.DEMO_TODO === 'on';
// `on` fills every demo user's OneDrive and gives the work tenants a SharePoint site.
const demoFiles = process.env.DEMO_FILES === 'on';
// A CRM on this machine usually listens on plain http; `off` makes the emulator refuse it, as Microsoft Graph does.
const allowLoopbackHttpNotificationUrls = process.env.EMULATOR_LOOPBACK_HTTP_WEBHOOKS !== 'off';

const emulator = await startGraphEmulator({
  port,
  dataDir,
  ...(bindHost ? { bindHost } : {}),
  ...(browserPort !== undefined ? { browserPort } : {}),
  ...(notificationTrustedCaPem ? { notificationTrustedCaPem } : {}),
  ...(demoMailSeed !== undefined ? { demoMail: { seed: demoMailSeed } } : {}),
  ...(demoCalendar ? { demoCalendar: {} } : {}),
  ...(demoContacts ? { demoContacts: true } : {}),
  ...(demoTodo ? { demoTodo: true } : {}),
  ...(demoFiles ? { demoFiles: true } : {}),
  allowLoopbackHttpNotificationUrls,
});
console.log(`Graph emulator listening on ${emulator.baseUrl}`);
console.log(`  Graph:     ${emulator.graphBaseUrl}`);
console.log(`  Authority: ${emulator.baseUrl}/common  (MSAL knownAuthorities: ['${emulator.authorityHost}'])`);
if (emulator.browserBaseUrl) console.log(`  Browser:   ${emulator.browserBaseUrl}  (sign-in, consent and admin consent pages, plain http on loopback)`);
console.log(`  CA cert:   ${emulator.caCertPath}  (e.g. NODE_EXTRA_CA_CERTS=${emulator.caCertPath})`);
console.log(`  Demo app:  clientId ${emulator.demoApp.clientId}, secret ${emulator.demoApp.clientSecret}`);
if (emulator.demoMail) console.log(`  Demo mail: ${emulator.demoMail.mailboxes.map((mailbox) => `${mailbox.user} ${mailbox.messages}`).join(', ')} (seed ${emulator.demoMail.seed})`);
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
