import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decide, binarySource, serviceTargets, unavailableMessage } from '../test-services/plan.mjs';
import { SERVICE_HELPERS, servicesNeeded } from '../test-services/suites.mjs';

describe('which PostgreSQL and Redis the test command uses', () => {
  it('probes the usual local ports when nothing is set', () => {
    expect(serviceTargets({})).toEqual({
      postgres: { url: 'postgres://postgres@127.0.0.1:5432/postgres', variable: null },
      redis: { url: 'redis://127.0.0.1:6379', variable: null },
    });
  });

  it('takes TEST_DATABASE_ADMIN_URL before DATABASE_URL, and REDIS_URL; empty variables count as unset', () => {
    const env = { TEST_DATABASE_ADMIN_URL: 'postgres://a@db:5433/postgres', DATABASE_URL: 'postgres://b@other/crm', REDIS_URL: '' };
    expect(serviceTargets(env)).toEqual({
      postgres: { url: 'postgres://a@db:5433/postgres', variable: 'TEST_DATABASE_ADMIN_URL' },
      redis: { url: 'redis://127.0.0.1:6379', variable: null },
    });
    expect(serviceTargets({ DATABASE_URL: 'postgres://b@other/crm' }).postgres).toEqual({ url: 'postgres://b@other/crm', variable: 'DATABASE_URL' });
  });

  it('probes nothing under TEST_SERVICES=private, and refuses an unknown mode', () => {
    expect(serviceTargets({ TEST_SERVICES: 'private', REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({ postgres: null, redis: null });
    expect(() => serviceTargets({ TEST_SERVICES: 'docker' })).toThrow('TEST_SERVICES must be one of auto, private (got "docker")');
  });

  it('uses a server that answers, and starts a private one when the default port is silent', () => {
    const fallback = { url: 'redis://127.0.0.1:6379', variable: null };
    expect(decide('redis', fallback, true)).toEqual({ use: 'existing', url: 'redis://127.0.0.1:6379', variable: null });
    expect(decide('redis', fallback, false)).toEqual({ use: 'private' });
    expect(decide('redis', null, false)).toEqual({ use: 'private' });
    expect(decide('redis', { url: 'redis://cache:6380', variable: 'REDIS_URL' }, true)).toEqual({ use: 'existing', url: 'redis://cache:6380', variable: 'REDIS_URL' });
  });

  it('refuses a server the user named that does not answer, saying how to go on, without its password', () => {
    const decision = decide('postgres', { url: 'postgres://admin:s3cret@127.0.0.1:1/postgres', variable: 'TEST_DATABASE_ADMIN_URL' }, false);
    expect(decision.use).toBe('refuse');
    const message = decision.use === 'refuse' ? decision.message : '';
    expect(message).toContain('PostgreSQL at TEST_DATABASE_ADMIN_URL=postgres://admin:***@127.0.0.1:1/postgres does not answer');
    expect(message).toContain('unset TEST_DATABASE_ADMIN_URL');
    expect(message).toContain('TEST_SERVICES=private');
    expect(message).not.toContain('s3cret');
  });

  it("takes redis-server from PATH first, Debian's package only as root with apt-get", () => {
    expect(binarySource({ onPath: true, isRoot: true, hasAptGet: true })).toBe('path');
    expect(binarySource({ onPath: true, isRoot: false, hasAptGet: false })).toBe('path');
    expect(binarySource({ onPath: false, isRoot: true, hasAptGet: true })).toBe('apt');
    expect(binarySource({ onPath: false, isRoot: true, hasAptGet: false })).toBe('none');
    expect(binarySource({ onPath: false, isRoot: false, hasAptGet: true })).toBe('none');
  });

  it('says what to install and which suites are left out when a service cannot be had', () => {
    const message = unavailableMessage('redis', 'there is no redis-server on PATH', ['dev-host/test/job-systems.spec.ts', 'server-module/test/push.spec.ts']);
    expect(message.split('\n')).toEqual([
      'Redis: not available — there is no redis-server on PATH',
      expect.stringContaining('sudo apt-get install redis-server'),
      '  Not run, because they need Redis:',
      '    dev-host/test/job-systems.spec.ts',
      '    server-module/test/push.spec.ts',
    ]);
  });
});

describe('which suites need PostgreSQL or Redis', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'service-suites-'));
    write('test-support/index.ts', "export { queueUrl } from './test-redis.js';\nexport { freshDatabase } from './test-database.js';\nexport { eventually } from './push.js';\n");
    write('test-support/test-redis.ts', 'export function queueUrl() {}\n');
    write('test-support/test-database.ts', 'export function freshDatabase() {}\n');
    write('test-support/push.ts', 'export function eventually() {}\n');
    write('test-support/test-host.ts', "import { queueUrl } from './test-redis.js';\nimport { freshDatabase } from './test-database.js';\n");
    write('app/src/queue.ts', "export const url = queueUrl();\n");
    write('app/test/redis.spec.ts', "import {\n  queueUrl,\n  eventually,\n} from '../../test-support/index.js';\n");
    write('app/test/plain.spec.ts', "import { eventually } from '../../test-support/index.js';\n");
    write('app/test/support/host.ts', "import { x } from '../../../test-support/test-host.js';\n");
    write('app/test/both.spec.ts', "import { host } from './support/host.js';\n");
    write('app/test/typed.spec.ts', "import type { Host } from './support/host.js';\n");
    write('app/test/product.spec.ts', "import { url } from '../src/queue.js';\n");
    // Spelled in pieces so that this suite itself is not taken for one that runs the test command.
    write('app/test/command.spec.ts', `spawn(process.execPath, ['${['scripts', 'test.mjs'].join('/')}']);\n`);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const helpers = { postgres: ['freshDatabase'], redis: ['queueUrl'] };
  const needs = (suite: string) => [...servicesNeeded(join(root, suite), root, helpers)].sort();

  it('goes by the helper names a suite takes from the test-support barrel, not by everything the barrel exports', () => {
    expect(needs('app/test/redis.spec.ts')).toEqual(['redis']);
    expect(needs('app/test/plain.spec.ts')).toEqual([]);
  });

  it('follows test helpers a suite imports, but not type-only imports or product code', () => {
    expect(needs('app/test/both.spec.ts')).toEqual(['postgres', 'redis']);
    expect(needs('app/test/typed.spec.ts')).toEqual([]);
    expect(needs('app/test/product.spec.ts')).toEqual([]);
  });

  it('takes a suite that runs the test command itself for one that needs both', () => {
    expect(needs('app/test/command.spec.ts')).toEqual(['postgres', 'redis']);
  });

  it("knows the helpers by the names the real test-support and the test command's starters export", () => {
    const exported = [readFileSync('test-support/index.ts', 'utf8'), readFileSync('scripts/test-services/postgres.mjs', 'utf8'), readFileSync('scripts/test-services/redis.mjs', 'utf8')].join('\n');
    for (const name of new Set(Object.values(SERVICE_HELPERS).flat())) {
      expect({ name, exported: new RegExp(`export[^\\n]*\\b${name}\\b`).test(exported) }).toEqual({ name, exported: true });
    }
  });
});
