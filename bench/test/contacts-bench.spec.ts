// `npm run bench:contacts` at a tiny size: it runs end to end against the emulator and PostgreSQL, prints the issue's
// JSON line with every figure measured (a few To Do tasks, an upload just over the simple-upload limit, so through a
// session), and its counts add up.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testDatabaseAdminUrl } from '../../test-support/index.js';
import { contactsSeed } from '../contacts/contacts-seed.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIZE = { contacts: 60, people: 200, edits: 5, todoTasks: 4, uploadBytes: 6 * 1024 * 1024 + 12_345 };

function runBench(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './bench/register.mjs', '--no-warnings=ExperimentalWarning', 'bench/contacts/contacts-bench.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        TEST_DATABASE_ADMIN_URL: testDatabaseAdminUrl(),
        BENCH_CONTACTS: String(SIZE.contacts),
        BENCH_CONTACTS_PEOPLE: String(SIZE.people),
        BENCH_CONTACTS_INBOUND_EDITS: String(SIZE.edits),
        BENCH_CONTACTS_OUTBOUND_EDITS: String(SIZE.edits),
        BENCH_CONTACTS_TODO_TASKS: String(SIZE.todoTasks),
        BENCH_CONTACTS_UPLOAD_BYTES: String(SIZE.uploadBytes),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run bench:contacts, tiny', () => {
  let run: { code: number | null; output: string };
  let figures: Record<string, unknown>;

  beforeAll(async () => {
    run = await runBench();
    const last = run.output.trim().split('\n').at(-1)!;
    figures = JSON.parse(last);
  }, 240_000);

  it('exits 0 and ends with the issue\'s JSON line, its figures in its order', () => {
    expect({ code: run.code, tail: run.output.slice(-1500) }).toEqual({ code: 0, tail: expect.any(String) });
    expect(Object.keys(figures).slice(0, 8)).toEqual(['bench', 'requestsPer1000', 'contactsPerSecond', 'peakRssMb', 'outboundP99Ms', 'inboundP99Ms', 'todoInboundP99Ms', 'uploadPeakRssGrowthMb']);
    expect(figures.bench).toBe('contacts');
    for (const key of ['requestsPer1000', 'contactsPerSecond', 'peakRssMb', 'outboundP99Ms', 'inboundP99Ms', 'todoInboundP99Ms']) {
      expect(typeof figures[key]).toBe('number');
      expect(figures[key] as number).toBeGreaterThan(0);
    }
    // A CRM process is well over 50 MB; the sampler read the worker, not nothing.
    expect(figures.peakRssMb as number).toBeGreaterThan(50);
  });

  it('measures To Do completion -> CRM over every task ticked, and the upload, whose bytes all reach OneDrive', () => {
    expect(run.output).toMatch(new RegExp(`todo \\(push[^\\n]*: ${SIZE.todoTasks} tasks ticked in To Do, p50 \\d+ ms`));
    expect(run.output).not.toMatch(/not measured/);
    // A number, the peak above the level before (0 at the least; a small upload may not move it).
    expect(typeof figures.uploadPeakRssGrowthMb).toBe('number');
    expect(figures.uploadPeakRssGrowthMb as number).toBeGreaterThanOrEqual(0);
    expect(run.output).toMatch(new RegExp(`OneDrive holds ${SIZE.uploadBytes.toLocaleString('en')} bytes`));
    expect(run.output).toMatch(/inside the CRM worker \(process\.memoryUsage\(\), peak above before, MB\): rss \+[\d.]+, heapTotal \+[\d.]+, heapUsed \+[\d.]+, external \+[\d.]+, arrayBuffers \+[\d.]+/);
  });

  it('counts add up: every contact linked once, the unknown ones as new people, the others matched', () => {
    const seed = contactsSeed(SIZE.contacts, SIZE.people);
    expect({ contacts: figures.contacts, links: figures.links, created: figures.created, matched: figures.matched, peopleBefore: figures.peopleBefore, peopleAfter: figures.peopleAfter }).toEqual({
      contacts: SIZE.contacts,
      links: SIZE.contacts,
      created: seed.byKind.unknown,
      matched: seed.byKind.byEmail + seed.byKind.byNameAndCompany,
      peopleBefore: SIZE.people,
      peopleAfter: SIZE.people + seed.byKind.unknown,
    });
    // At least one delta page per folder (two folders) plus the folder listing.
    expect(figures.requestsPer1000 as number).toBeGreaterThanOrEqual((3 / SIZE.contacts) * 1000);
    expect(run.output).toMatch(new RegExp(`inbound \\(push[^\\n]*: ${SIZE.edits} edits`));
    expect(run.output).toMatch(new RegExp(`outbound \\(updatePerson[^\\n]*: ${SIZE.edits} edits[^\\n]*writes not APPLIED 0`));
  });
});
