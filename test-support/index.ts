export { createTestDatabase, testDatabaseAdminUrl, type TestDatabase } from './test-database.js';
export { testRedisUrl, uniqueQueuePrefix, deleteRedisPrefix } from './test-redis.js';
export { TestHttpClient, type GraphqlResult, type Json, type TestResponse } from './http-client.js';
export { startTestHost, type TestHost } from './test-host.js';
export { passConsent, parseConsentPage, type ConsentChoice, type ConsentPage } from './microsoft-consent.js';
export { startConnect, connectMicrosoftAccount, type StartedConnect } from './microsoft-connect.js';
export { waitForMailSync, connectMailbox, type ConnectedMailbox } from './mail-sync.js';
export { eventually, activeSubscription, channelMessageIds } from './push.js';
export { PrivateRedis } from './private-redis.js';
