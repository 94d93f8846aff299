// Microsoft's documented examples, replayed against the emulator (cases/*.cases.ts; the format is in
// conformance-case.ts), and a check that every route the emulator serves has at least one case.
import { useTestEmulator } from '../support/emulator-suite.js';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import type { ConformanceCase } from './conformance-case.js';
import { ALL_CASES, CASE_AREAS } from './cases/index.js';
import { runCase } from './runner/run-case.js';
import { routesWithoutCases } from './runner/routes.js';

function title(testCase: ConformanceCase): string {
  if (testCase.knownGap) return `${testCase.name} [known gap: ${testCase.knownGap.reason}]`;
  if (testCase.refusal) return `${testCase.name} [501 on purpose: ${testCase.refusal}]`;
  return testCase.name;
}

describe('conformance with the documented examples', () => {
  const t = useTestEmulator();
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());
  afterAll(() => {
    const marked = ALL_CASES.filter((c) => c.knownGap || c.refusal);
    console.warn(
      `Conformance: ${ALL_CASES.length} cases; where the emulator differs from the documented answer:\n` +
        marked.map((c) => `- ${c.name}: ${c.knownGap ? `known gap: ${c.knownGap.reason}` : `501 on purpose: ${c.refusal}`}\n  ${c.source}`).join('\n'),
    );
  });
  beforeEach(() => t.emulator.store.reset());

  for (const [area, cases] of Object.entries(CASE_AREAS)) {
    describe(area, () => {
      for (const testCase of cases) {
        it(title(testCase), async () => {
          const { problems, knownProblems, answer } = await runCase({ t, receiver }, testCase);
          const context = `${testCase.source}\n${answer.status} ${answer.text.slice(0, 600)}`;
          if (testCase.knownGap) {
            // The gap as recorded, nothing more; once the emulator conforms the list is empty and this fails: delete knownGap.
            expect({ problems, context }).toEqual({ problems: knownProblems, context });
          } else {
            expect({ problems, context }).toEqual({ problems: [], context });
          }
        });
      }
    });
  }

  it('has a case for every route the emulator serves (GRAPH_ROUTES, $batch and the identity routes)', () => {
    expect(routesWithoutCases(ALL_CASES)).toEqual([]);
  });

  it('names the routes no case reaches (here: the token endpoint once its cases are left out)', () => {
    const withoutToken = ALL_CASES.filter((c) => !/\/oauth2\/v2\.0\/token$/.test(c.request.path));
    expect(routesWithoutCases(withoutToken)).toEqual(['POST /:tenant/oauth2/v2.0/token']);
    const withoutMove = ALL_CASES.filter((c) => !c.request.path.endsWith('/move'));
    expect(routesWithoutCases(withoutMove)).toEqual([expect.stringMatching(/^POST \/v1\.0 .*\\\/move/)]);
  });

  it('names a documentation page for every case, and no case twice', () => {
    expect(ALL_CASES.filter((c) => !/^https:\/\/learn\.microsoft\.com\//.test(c.source)).map((c) => c.name)).toEqual([]);
    const names = ALL_CASES.map((c) => c.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});
