// Which Jest suites need PostgreSQL or Redis, read from the test code: a suite needs a service when it, or a test
// helper it imports, names one of the test-support functions that reach that service (or it runs the test command
// itself). The test-support barrel (index.ts) re-exports everything, so it is not followed: the names its importers
// use decide.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The test-support helpers, and the test command's own starters of private servers (whose suites need them to work).
export const SERVICE_HELPERS = {
  postgres: ['startTestHost', 'createTestDatabase', 'testDatabaseAdminUrl', 'startPrivatePostgres'],
  redis: ['startTestHost', 'testRedisUrl', 'deleteRedisPrefix', 'PrivateRedis', 'startPrivateRedis'],
};

// A suite that runs the test command itself (with TEST_SERVICES=private) needs every private server.
const TEST_COMMAND = /\bscripts\/test\.mjs\b/;

// Value imports and re-exports from relative paths (`import type` brings no service).
const RELATIVE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolveImport(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((file) => existsSync(file)) ?? null;
}

function isFollowedTestCode(file, rootDir) {
  const path = relative(rootDir, file).split(sep);
  if (path[0] === 'test-support') return path.join('/') !== 'test-support/index.ts';
  return path.includes('test');
}

/** The services (`'postgres'`, `'redis'`) one suite file needs. */
export function servicesNeeded(suiteFile, rootDir, helpers = SERVICE_HELPERS) {
  const needed = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [service, names] of Object.entries(helpers)) {
      if (TEST_COMMAND.test(text) || names.some((name) => new RegExp(`\\b${name}\\b`).test(text))) needed.add(service);
    }
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(file, specifier);
      if (target && isFollowedTestCode(target, rootDir)) visit(target);
    }
  };
  visit(resolve(suiteFile));
  return needed;
}
