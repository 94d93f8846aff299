// The test command: checks that PostgreSQL and Redis answer (failing loudly if not), then runs every Jest suite.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const postgresUrl = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

const missing = [];
if (!(await reachable(postgresUrl.hostname, postgresUrl.port || 5432))) missing.push(`PostgreSQL at ${postgresUrl.host} (set TEST_DATABASE_ADMIN_URL)`);
if (!(await reachable(redisUrl.hostname, redisUrl.port || 6379))) missing.push(`Redis at ${redisUrl.host} (set REDIS_URL)`);
if (missing.length > 0) {
  console.error(`\nThe tests need real services, and these do not answer:\n  - ${missing.join('\n  - ')}\n`);
  process.exit(2);
}

const resultsFile = 'artifacts/jest-results.json';
mkdirSync('artifacts', { recursive: true });
rmSync(resultsFile, { force: true });
const result = spawnSync('npx', ['jest', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() },
});
if (existsSync(resultsFile)) {
  const summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests + summary.numTodoTests} skipped`);
}
process.exit(result.status ?? 1);
