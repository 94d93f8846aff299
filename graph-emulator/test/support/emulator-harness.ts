import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import type { RequestInit, Response } from 'undici';
import { startGraphEmulator, type GraphEmulatorOptions, type RunningGraphEmulator } from '../../src/index.js';
import { reuseEmulatorKeys, shareEmulatorKeys } from './shared-emulator-keys.js';

export const DEMO_REDIRECT_URI = 'http://localhost:3000/auth/microsoft-apis/get-access-token';

export interface TestEmulator {
  emulator: RunningGraphEmulator;
  dataDir: string;
  agent: Agent;
  /** fetch that trusts the emulator's CA (and nothing is bypassed), never following redirects. */
  request(pathOrUrl: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** An emulator on a free port; it accepts http webhooks to the test's loopback receivers unless told otherwise. */
export async function startTestEmulator(options: Partial<GraphEmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'graph-emulator-')));
  if (!options.dataDir) reuseEmulatorKeys(dataDir);
  const emulator = await startGraphEmulator({ port: 0, allowLoopbackHttpNotificationUrls: true, ...options, dataDir });
  if (!options.dataDir) shareEmulatorKeys(dataDir);
  const agent = new Agent({ connect: { ca: emulator.caCertPem } });
  return {
    emulator,
    dataDir,
    agent,
    request: (pathOrUrl, init = {}) =>
      fetch(pathOrUrl.startsWith('https://') ? pathOrUrl : `${emulator.baseUrl}${pathOrUrl}`, {
        redirect: 'manual',
        ...init,
        dispatcher: agent,
      }),
    close: async () => {
      await emulator.close();
      await agent.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface ParsedInput {
  type: string;
  name: string;
  value: string;
  checked: boolean;
  disabled: boolean;
}

export interface ParsedForm {
  id: string;
  action: string;
  inputs: ParsedInput[];
  /** The hidden pending-request id. */
  request: string;
  accounts: ParsedInput[];
  scopes: ParsedInput[];
}

/** Reads a form of the page by id, as a browser would see its fields. */
export function parseForm(html: string, formId: string): ParsedForm {
  const formMatch = new RegExp(`<form[^>]*id="${formId}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!formMatch) throw new Error(`no form #${formId} in page:\n${html}`);
  const formTag = /<form[^>]*>/.exec(formMatch[0])![0];
  const inputs = [...formMatch[1]!.matchAll(/<input[^>]*>/g)].map(([tag]) => ({
    type: attribute(tag, 'type') ?? 'text',
    name: attribute(tag, 'name') ?? '',
    value: attribute(tag, 'value') ?? '',
    checked: /\schecked(\s|>|=)/.test(tag),
    disabled: /\sdisabled(\s|>|=)/.test(tag),
  }));
  return {
    id: formId,
    action: attribute(formTag, 'action') ?? '',
    inputs,
    request: inputs.find((input) => input.name === 'request')!.value,
    accounts: inputs.filter((input) => input.name === 'account'),
    scopes: inputs.filter((input) => input.name === 'scope'),
  };
}

/** What a browser submits: checked, enabled scope boxes (unless `scopes` overrides them). */
export function submittedScopes(form: ParsedForm, drop: string[] = []): string[] {
  return form.scopes.filter((s) => s.checked && !s.disabled && !drop.includes(s.value)).map((s) => s.value);
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
