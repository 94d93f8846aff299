import { readFileSync } from 'node:fs';
import type { MicrosoftPluginConfig } from '@m365/server-module';
import { deriveKey } from './app-secret.js';
import { resolveEncryptionKeys } from './token-encryption-keys.js';

export const DEFAULT_MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com/common';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** What the in-process emulator tells the host about itself. */
export interface EmulatorEndpoints {
  baseUrl: string;
  authorityHost: string;
  graphBaseUrl: string;
  caCertPem: string;
  demoApp: { clientId: string; clientSecret: string };
}

export interface MicrosoftConfigInput {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  publicUrl: string;
  appSecret: string;
  emulator?: EmulatorEndpoints;
  overrides?: Partial<MicrosoftPluginConfig>;
}

/** True when neither the environment nor the overrides name a Microsoft authority: the emulator stands in. */
export function wantsEmulator(env: NodeJS.ProcessEnv, overrides?: Partial<MicrosoftPluginConfig>): boolean {
  return !overrides?.authority && !env.MICROSOFT_AUTHORITY;
}

export function buildMicrosoftConfig({ env, dataDir, publicUrl, appSecret, emulator, overrides }: MicrosoftConfigInput): MicrosoftPluginConfig {
  const endpoints = emulator ? fromEmulator(emulator) : fromEnvironment(env);
  const config: MicrosoftPluginConfig = {
    ...endpoints,
    publicUrl,
    frontUrl: env.FRONT_URL || publicUrl,
    ...(env.MICROSOFT_WEBHOOK_BASE_URL ? { webhookBaseUrl: env.MICROSOFT_WEBHOOK_BASE_URL } : {}),
    ...(env.MICROSOFT_MAIL_PAGE_SIZE ? { mailPageSize: Number(env.MICROSOFT_MAIL_PAGE_SIZE) } : {}),
    encryptionKeys: resolveEncryptionKeys(env.TOKEN_ENCRYPTION_KEYS, dataDir),
    signingSecret: deriveKey(appSecret, 'microsoft-plugin-signing'),
    ...overrides,
  };
  if (!config.clientId) throw new Error('MICROSOFT_CLIENT_ID is required when MICROSOFT_AUTHORITY is set');
  if (!config.authority.startsWith('https://')) throw new Error('The Microsoft authority must be an https URL');
  return config;
}

type Endpoints = Pick<MicrosoftPluginConfig, 'clientId' | 'clientSecret' | 'authority' | 'knownAuthorities' | 'graphBaseUrl' | 'extraCaPem' | 'allowInsecureWebhookUrl'>;

function fromEmulator(emulator: EmulatorEndpoints): Endpoints {
  return {
    clientId: emulator.demoApp.clientId,
    clientSecret: emulator.demoApp.clientSecret,
    authority: `${emulator.baseUrl.replace(/\/$/, '')}/common`,
    knownAuthorities: [emulator.authorityHost],
    graphBaseUrl: emulator.graphBaseUrl,
    extraCaPem: emulator.caCertPem,
    // The dev host starts its emulator with loopback http allowed; against Microsoft the plugin's https rule holds.
    allowInsecureWebhookUrl: true,
  };
}

function fromEnvironment(env: NodeJS.ProcessEnv): Endpoints {
  const endpoints: Endpoints = {
    clientId: env.MICROSOFT_CLIENT_ID ?? '',
    clientSecret: env.MICROSOFT_CLIENT_SECRET ?? '',
    authority: env.MICROSOFT_AUTHORITY || DEFAULT_MICROSOFT_AUTHORITY,
    knownAuthorities: (env.MICROSOFT_KNOWN_AUTHORITIES ?? '').split(',').map((host) => host.trim()).filter(Boolean),
    graphBaseUrl: env.MICROSOFT_GRAPH_BASE_URL || DEFAULT_GRAPH_BASE_URL,
  };
  // MSAL rejects `system` keys set to undefined, so the CA is only present when there is one.
  if (env.MICROSOFT_CA_FILE) endpoints.extraCaPem = readFileSync(env.MICROSOFT_CA_FILE, 'utf8');
  return endpoints;
}
