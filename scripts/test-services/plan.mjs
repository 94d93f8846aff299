// Which PostgreSQL and Redis the tests use. Pure: the caller probes the targets and starts what is needed.
//
// The rule, per service:
//   - TEST_SERVICES=private: always a private server started for this run (to try the fresh-machine path on a
//     machine whose own services run).
//   - a URL variable set (TEST_DATABASE_ADMIN_URL, else DATABASE_URL; REDIS_URL): that server, and it must answer —
//     the user asked for it, so a silent fallback would test something else.
//   - nothing set: the usual local port if it answers, else a private server.

export const SERVICES = {
  postgres: {
    name: 'PostgreSQL',
    variables: ['TEST_DATABASE_ADMIN_URL', 'DATABASE_URL'],
    defaultUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    defaultPort: 5432,
  },
  redis: {
    name: 'Redis',
    variables: ['REDIS_URL'],
    defaultUrl: 'redis://127.0.0.1:6379',
    defaultPort: 6379,
  },
};

const MODES = ['auto', 'private'];

/** The server each service would use before probing: `{ url, variable }` (variable null for the default), or null under TEST_SERVICES=private. */
export function serviceTargets(env) {
  const mode = env.TEST_SERVICES || 'auto';
  if (!MODES.includes(mode)) throw new Error(`TEST_SERVICES must be one of ${MODES.join(', ')} (got "${mode}")`);
  const targets = {};
  for (const [key, service] of Object.entries(SERVICES)) {
    if (mode === 'private') {
      targets[key] = null;
      continue;
    }
    const variable = service.variables.find((name) => env[name]);
    targets[key] = variable ? { url: env[variable], variable } : { url: service.defaultUrl, variable: null };
  }
  return targets;
}

/**
 * What to do for one service, given its target and whether it answered:
 * `{ use: 'existing', url, variable }`, `{ use: 'private' }`, or `{ use: 'refuse', message }`.
 */
export function decide(key, target, answered) {
  if (target === null) return { use: 'private' };
  if (answered) return { use: 'existing', url: target.url, variable: target.variable };
  if (target.variable === null) return { use: 'private' };
  const { name } = SERVICES[key];
  return {
    use: 'refuse',
    message:
      `${name} at ${target.variable}=${redact(target.url)} does not answer. Start it, or unset ${target.variable} ` +
      `to let the test command use ${name} on 127.0.0.1:${SERVICES[key].defaultPort} or start a private one ` +
      `(TEST_SERVICES=private always starts private ones).`,
  };
}

/** How to get a binary the tests need (redis-server, Chromium): the one there, Debian's package when root with apt-get, or none. */
export function binarySource({ onPath, isRoot, hasAptGet }) {
  if (onPath) return 'path';
  if (isRoot && hasAptGet) return 'apt';
  return 'none';
}

/** The lines to print when a service cannot be had: why, what to install, and the suites left out. */
export function unavailableMessage(key, reason, suites) {
  const install = {
    postgres:
      'Run a PostgreSQL 13 or later on 127.0.0.1:5432 accepting user postgres without a password, or set ' +
      'TEST_DATABASE_ADMIN_URL to one where that user may create databases.',
    redis:
      'Install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; Fedora: sudo dnf install redis; ' +
      'macOS: brew install redis) so that it is on PATH, or run Redis on 127.0.0.1:6379, or set REDIS_URL.',
    chromium: 'Install Chromium (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  }[key];
  const name = SERVICES[key]?.name ?? 'Chromium';
  const list = suites.length ? suites.map((suite) => `    ${suite}`).join('\n') : '    (none of the selected suites)';
  return `${name}: not available — ${reason}\n  ${install}\n  Not run, because they need ${name}:\n${list}`;
}

/** The URL with its password (if any) hidden, for messages. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
