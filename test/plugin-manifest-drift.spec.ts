import { readFileSync } from 'node:fs';
import { MicrosoftModule } from '@m365/server-module';
import { registeredRoutes } from '../server-module/src/manifest/registered-routes.util.js';
import { startTestHost, type TestHost } from '../test-support/index.js';

const manifest = JSON.parse(readFileSync(new URL('../plugin.manifest.json', import.meta.url), 'utf8'));
const byKey = <T>(items: T[], key: (item: T) => string) => items.map(key).sort();

describe('plugin.manifest.json matches what MicrosoftModule really registers', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('declares exactly the routes the module serves, and each is reachable in the host', async () => {
    const controllers = MicrosoftModule.forRoot(host.microsoft).controllers ?? [];
    const routes = registeredRoutes(controllers as never);
    expect(routes.length).toBeGreaterThan(0);
    const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    expect(byKey(manifest.routes, key)).toEqual(byKey(routes, key));
    // Reachable: answered by the route itself. A route may answer 404 of its own (the booking page for a slug no page
    // has); what it may not give is the framework's answer for a path nothing serves.
    const unrouted = (text: string) => /Cannot (GET|POST|PUT|PATCH|DELETE) \//.test(text);
    const nowhere = await host.newClient().request('POST', '/microsoft/no-such-route');
    expect([nowhere.status, unrouted(nowhere.text)]).toEqual([404, true]);
    for (const route of routes) {
      const response = await host.newClient().request(route.method, route.path);
      expect([route.path, response.status === 404 && unrouted(response.text)]).toEqual([route.path, false]);
    }
  });

  it('declares exactly the processors, crons and queues registered with the host job system', () => {
    const { processors, crons } = host.jobs.registrations();
    expect(byKey(manifest.jobs, (job: { queue: string; name: string }) => `${job.queue}/${job.name}`)).toEqual(byKey(processors, (job) => `${job.queue}/${job.name}`));
    expect(byKey(manifest.crons, (cron: { queue: string; name: string; pattern: string }) => `${cron.queue}/${cron.name}@${cron.pattern}`)).toEqual(
      byKey(crons, (cron) => `${cron.queue}/${cron.name}@${cron.pattern}`),
    );
    const queues = new Set([...processors, ...crons].map((entry) => entry.queue));
    expect([...manifest.queues].sort()).toEqual([...queues].sort());
  });
});
