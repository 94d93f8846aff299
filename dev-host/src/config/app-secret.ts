import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from './local-secret-file.js';

/** `APP_SECRET` if given, else one generated into `${dataDir}/app-secret` on first start. */
export function resolveAppSecret(configured: string | undefined, dataDir: string): string {
  return configured?.trim() || readOrCreateSecretFile(join(dataDir, 'app-secret'), 48);
}

/** Derives independent keys for each use so one leaked key says nothing about the others. */
export function deriveKey(appSecret: string, purpose: 'session' | 'microsoft-plugin-signing'): Buffer {
  return createHmac('sha256', appSecret).update(`m365-dev-host:${purpose}`).digest();
}
