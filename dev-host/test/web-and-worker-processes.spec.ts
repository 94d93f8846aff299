import { BullMqJobSystem } from '@m365/dev-host';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '../../test-support/index.js';

describe('BullMQ with web-only and worker processes', () => {
  const prefix = uniqueQueuePrefix();
  const web = new BullMqJobSystem({ redisUrl: testRedisUrl(), prefix, runWorkers: false });
  const worker = new BullMqJobSystem({ redisUrl: testRedisUrl(), prefix });

  afterAll(async () => {
    await Promise.all([web.close(), worker.close()]);
    await deleteRedisPrefix(prefix);
  });

  it('a web-only process enqueues; only the worker process runs the job', async () => {
    const ranIn: string[] = [];
    web.registerProcessor('messaging', 'Probe', async () => void ranIn.push('web'));
    web.add('messaging', 'Probe', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ranIn).toEqual([]);

    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    worker.registerProcessor('messaging', 'Probe', async () => {
      ranIn.push('worker');
      done();
    });
    await finished;
    expect(ranIn).toEqual(['worker']);
  });
});
