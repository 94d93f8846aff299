// The test command: finds or starts PostgreSQL and Redis (the rule is in test-services/plan.mjs), runs the Jest
// suites against them, and stops what it started — also when Jest fails or the command is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import jestConfig from '../jest.config.mjs';
import { answers } from './test-services/net.mjs';
import { decide, serviceTargets, SERVICES, unavailableMessage } from './test-services/plan.mjs';
import { startPrivatePostgres } from './test-services/postgres.mjs';
import { findOnPath } from './test-services/binaries.mjs';
import { startPrivateRedis } from './test-services/redis.mjs';
import { servicesNeeded } from './test-services/suites.mjs';
import { ensureChromium, needsChromium } from './test-services/chromium.mjs';

const rootDir = process.cwd();
const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');
const args = process.argv.slice(2);
const starters = { postgres: startPrivatePostgres, redis: startPrivateRedis };
const urlVariables = { postgres: 'TEST_DATABASE_ADMIN_URL', redis: 'REDIS_URL' };

// Undo steps of the private services, run last-in first-out; each call runs whatever has been added since.
const cleanups = [];
let cleaning = Promise.resolve();
function stopServices() {
  cleaning = cleaning.then(async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (error) {
        console.error(`Could not stop a test service: ${error.message}`);
      }
    }
  });
  return cleaning;
}

let interrupted = null;
let jest = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) process.exit(128 + constants.signals[signal]);
    interrupted = signal;
    console.error(`\n${signal}: stopping Jest and the test services`);
    jest?.kill(signal);
    void stopServices();
  });
}

function jestEnvironment(extra) {
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim();
  return { ...process.env, ...extra, NODE_OPTIONS: nodeOptions };
}

/** The suites Jest would run with these arguments. */
function listSuites(env) {
  const listed = spawnSync(process.execPath, [jestBin, '--listTests', ...args], { env, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`jest --listTests failed:\n${listed.stderr}`);
  return listed.stdout.split('\n').filter(Boolean).sort();
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function runJest(extraArgs, env) {
  return new Promise((resolve) => {
    jest = spawn(process.execPath, [jestBin, ...extraArgs, ...args], { stdio: 'inherit', env });
    jest.once('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

async function main() {
  let targets;
  try {
    targets = serviceTargets(process.env);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const decisions = {};
  for (const key of Object.keys(SERVICES)) {
    decisions[key] = decide(key, targets[key], targets[key] !== null && (await answers(targets[key].url, SERVICES[key].defaultPort)));
  }
  const refusals = Object.values(decisions).filter((decision) => decision.use === 'refuse');
  if (refusals.length) {
    console.error(`\n${refusals.map((refusal) => refusal.message).join('\n')}\n`);
    return 2;
  }

  const env = {};
  const unavailable = {};
  for (const [key, decision] of Object.entries(decisions)) {
    const { name } = SERVICES[key];
    if (decision.use === 'existing') {
      env[urlVariables[key]] = decision.url;
      console.log(`${name}: ${new URL(decision.url).host} (${decision.variable ? `from ${decision.variable}` : 'already running'})`);
      continue;
    }
    if (interrupted) return 1;
    const started = Date.now();
    try {
      const server = await starters[key]((undo) => cleanups.push(undo));
      env[urlVariables[key]] = server.url;
      // Suites that start a Redis of their own look for redis-server on PATH (appended: it must not shadow anything).
      if (server.binary && findOnPath('redis-server') !== server.binary) env.PATH = `${process.env.PATH ?? ''}${delimiter}${dirname(server.binary)}`;
      console.log(`${name}: private ${server.description} on 127.0.0.1:${server.port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      if (interrupted) return 1;
      unavailable[key] = error.message;
    }
  }

  try {
    console.log(`Chromium: ${await ensureChromium()}`);
  } catch (error) {
    if (interrupted) return 1;
    unavailable.chromium = error.message;
  }

  Object.assign(env, runScratch(env.TEST_DATABASE_ADMIN_URL));
  const jestEnv = jestEnvironment(env);
  const skipArgs = [];
  const skipped = new Set();
  if (Object.keys(unavailable).length) {
    const suites = listSuites(jestEnv);
    for (const [key, reason] of Object.entries(unavailable)) {
      const needing = suites.filter((suite) => (key === 'chromium' ? needsChromium(suite) : servicesNeeded(suite, rootDir).has(key)));
      needing.forEach((suite) => skipped.add(suite));
      console.error(`\n${unavailableMessage(key, reason, needing.map((suite) => suite.slice(rootDir.length + 1)))}`);
    }
    if (skipped.size && skipped.size === suites.length) return 2;
    if (skipped.size) console.error(`\nRunning the other ${suites.length - skipped.size} of ${suites.length} suites; the command fails because ${skipped.size} could not run.\n`);
    // Passing ignore patterns on the command line replaces the config's, so they are repeated.
    const ignored = [...jestConfig.testPathIgnorePatterns.map((pattern) => pattern.replace('<rootDir>', rootDir)), ...[...skipped].map((suite) => `^${escapeRegExp(suite)}$`)];
    skipArgs.push(...ignored.map((pattern) => `--testPathIgnorePatterns=${pattern}`));
  }

  if (interrupted) return 1;
  const resultsFile = 'artifacts/jest-results.json';
  mkdirSync('artifacts', { recursive: true });
  rmSync(resultsFile, { force: true });
  const status = await runJest(['--json', `--outputFile=${resultsFile}`, ...skipArgs], jestEnv);
  if (existsSync(resultsFile)) {
    const summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(`tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests + summary.numTodoTests} skipped`);
  }
  if (interrupted) return 128 + constants.signals[interrupted];
  return status !== 0 ? status : skipped.size ? 2 : 0;
}

/**
 * What this run's suites share and the command removes at the end: the seeded database test hosts are copied from
 * (test-support/seeded-template.ts) and the emulator keys they reuse (graph-emulator/test/support/shared-emulator-keys.ts).
 */
function runScratch(adminUrl) {
  const run = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = `m365_template_${run}`;
  const keys = mkdtempSync(join(tmpdir(), 'm365-test-keys-'));
  cleanups.push(async () => rmSync(keys, { recursive: true, force: true }));
  if (adminUrl) cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (const name of [template, `${template}_building`]) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  return { M365_TEST_TEMPLATE_DATABASE: template, M365_TEST_EMULATOR_KEYS: keys };
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  await stopServices();
}
process.exit(interrupted ? 128 + constants.signals[interrupted] : exitCode);
