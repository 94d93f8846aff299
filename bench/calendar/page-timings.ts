// Where the import's time goes, measured from the outside of the plugin: the host port's page writes (one
// transaction each) and the Graph exchanges (until their headers arrive).
import type { CalendarEventImportRecordsPort } from '@m365/shared-types';
import type { MicrosoftHttpTransport } from '@m365/server-module';
import type { HostRecordsFactory } from '../../server-module/src/host-adapters/host-records.factory.js';

export interface PageTimings {
  writes: number;
  writeMs: number;
  exchanges: number;
  graphMs: number;
}

export class PageTimer {
  readonly timings: PageTimings = { writes: 0, writeMs: 0, exchanges: 0, graphMs: 0 };

  constructor(private readonly graphBaseUrl: string) {}

  attach(factory: HostRecordsFactory, transport: MicrosoftHttpTransport): void {
    const open = factory.calendarEventImport.bind(factory);
    factory.calendarEventImport = (): CalendarEventImportRecordsPort => {
      const port = open();
      const save = port.saveEventsPage.bind(port);
      port.saveEventsPage = async (page) => {
        const started = performance.now();
        try {
          return await save(page);
        } finally {
          this.timings.writes += 1;
          this.timings.writeMs += performance.now() - started;
        }
      };
      return port;
    };
    const fetch = transport.fetch.bind(transport);
    transport.fetch = (async (input: Parameters<MicrosoftHttpTransport['fetch']>[0], init?: Parameters<MicrosoftHttpTransport['fetch']>[1]) => {
      if (!String(input).startsWith(this.graphBaseUrl)) return fetch(input, init);
      const started = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        this.timings.exchanges += 1;
        this.timings.graphMs += performance.now() - started;
      }
    }) as MicrosoftHttpTransport['fetch'];
  }

  snapshot(): PageTimings {
    return { ...this.timings };
  }
}
