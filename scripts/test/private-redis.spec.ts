import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../test-services/redis.mjs';

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe("the test command's private Redis", () => {
  it('serves Redis on loopback without persistence, and leaves nothing behind', async () => {
    const undo: (() => unknown)[] = [];
    try {
      const server = await startPrivateRedis((step) => undo.push(step));
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      expect(server.description).toMatch(/^redis-server \d+\.\d+\.\d+ \(\/.+\/redis-server\)$/);

      const redis = new Redis(server.url, { lazyConnect: true });
      await redis.connect();
      try {
        await redis.set('m365:check', 'yes');
        expect(await redis.get('m365:check')).toBe('yes');
        expect(await redis.config('GET', 'save')).toEqual(['save', '']);
        expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
        expect(await redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
      } finally {
        redis.disconnect();
      }

      expect(existsSync(server.dir)).toBe(true);
      while (undo.length) await undo.pop()!();
      expect(await refuses(server.port)).toBe(true);
      expect(existsSync(server.dir)).toBe(false);
    } finally {
      while (undo.length) await undo.pop()!();
    }
  });
});
