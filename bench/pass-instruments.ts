// Measuring instruments the worker clips onto the running plugin, from the outside: they wrap instances (the HTTP
// transport, the record factory), they change no behaviour, and product code knows nothing of them.
import type { MessageImportRecordsPort } from '@m365/shared-types';
import type { MicrosoftHttpTransport } from '@m365/server-module';
import type { HostRecordsFactory } from '../server-module/src/host-adapters/host-records.factory.js';

/**
 * Counts Graph exchanges and the time until their headers arrive, and follows every 429 to its end.
 *
 * How `unwaited429` is derived: each request is identified by its method and URL (for a `$batch` item: the
 * item's method and relative URL, read from the envelope we sent and the answer we got). Graph answers a retried
 * request at the same URL again. A 429 that was waited out is therefore followed, for the same request, by an
 * answer other than 429; a 429 that surfaced — the SDK's RetryHandler gave up and the error reached the importer,
 * or runBatch returned an item still at 429 after its attempts — is the LAST answer its request ever got.
 * So: unwaited429 = number of requests whose last answer was 429. (Delta and skip links are single-use URLs
 * and folder URLs are requested once per pass, so a later success at the same URL is the retry of that 429.)
 * The worker adds the pass's own verdict: a pass that ended 'failed' for throttling counts at least one.
 */
export class GraphExchangeMeter {
  exchanges = 0;
  headersMs = 0;
  inFlight = 0;
  seen429 = 0;
  private readonly lastStatus = new Map<string, number>();

  constructor(
    private readonly graphBaseUrl: string,
    /** Read `$batch` answers item by item (costs a JSON parse per envelope: only in the throttled run). */
    private readonly followBatchItems: boolean,
  ) {}

  attach(transport: MicrosoftHttpTransport): void {
    const original = transport.fetch.bind(transport);
    transport.fetch = (async (input: Parameters<MicrosoftHttpTransport['fetch']>[0], init: Parameters<MicrosoftHttpTransport['fetch']>[1] = {}) => {
      const url = String(input);
      if (!url.startsWith(this.graphBaseUrl)) return original(input, init);
      const started = performance.now();
      this.inFlight += 1;
      let response: Awaited<ReturnType<MicrosoftHttpTransport['fetch']>>;
      try {
        response = await original(input, init);
      } finally {
        this.inFlight -= 1;
      }
      this.exchanges += 1;
      this.headersMs += performance.now() - started;
      const method = (init.method ?? 'GET').toUpperCase();
      const isBatch = new URL(url).pathname.endsWith('/$batch');
      if (!isBatch) {
        this.record(`${method} ${url}`, response.status);
      } else if (this.followBatchItems && typeof init.body === 'string') {
        const sent = JSON.parse(init.body) as { requests: Array<{ id: string; method?: string; url: string }> };
        const urls = new Map(sent.requests.map((item) => [item.id, `${(item.method ?? 'GET').toUpperCase()} ${item.url}`]));
        if (response.status !== 200) {
          for (const key of urls.values()) this.record(key, response.status);
        } else {
          const answered = (await response.clone().json()) as { responses: Array<{ id: string; status: number }> };
          for (const item of answered.responses) this.record(urls.get(item.id) ?? `batch item ${item.id}`, item.status);
        }
      }
      return response;
    }) as MicrosoftHttpTransport['fetch'];
  }

  private record(key: string, status: number): void {
    if (status === 429) this.seen429 += 1;
    this.lastStatus.set(key, status);
  }

  get unwaited429(): number {
    let count = 0;
    for (const status of this.lastStatus.values()) if (status === 429) count += 1;
    return count;
  }
}

/**
 * Times the host port's page writes (the DB side of each page: one transaction). A pass takes one port
 * (`messageImport()`), so writes are also counted per pass — including those a pass's folder walks still make
 * after the pass has returned (`writesAfterReturn`).
 */
export class PageWriteMeter {
  writes = 0;
  writeMs = 0;
  inFlight = 0;
  readonly passes: Array<{ writes: number; writesAfterReturn: number; returned: boolean }> = [];

  /** The pass that took the latest port has returned. */
  passReturned(): void {
    const last = this.passes.at(-1);
    if (last) last.returned = true;
  }

  attach(factory: HostRecordsFactory): void {
    const original = factory.messageImport.bind(factory);
    factory.messageImport = (): MessageImportRecordsPort => {
      const port = original();
      const save = port.saveMessagesPage.bind(port);
      const pass = { writes: 0, writesAfterReturn: 0, returned: false };
      this.passes.push(pass);
      port.saveMessagesPage = async (page) => {
        const started = performance.now();
        pass.writes += 1;
        if (pass.returned) pass.writesAfterReturn += 1;
        this.inFlight += 1;
        try {
          return await save(page);
        } finally {
          this.inFlight -= 1;
          this.writes += 1;
          this.writeMs += performance.now() - started;
        }
      };
      return port;
    };
  }
}
