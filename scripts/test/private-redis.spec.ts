import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../test-services/redis.mjs';
import { refuses } from './port-refuses.js';

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

  it('is stopped and its directory removed when the test command is killed outright (SIGKILL: no cleanup of its own)', async () => {
    const moduleUrl = new URL('../test-services/redis.mjs', import.meta.url).href;
    const owner = spawn(process.execPath, ['--input-type=module', '-e',
      `const { startPrivateRedis } = await import(${JSON.stringify(moduleUrl)});
       const server = await startPrivateRedis(() => undefined);
       process.stdout.write(JSON.stringify({ port: server.port, dir: server.dir }) + '\\n');
       setInterval(() => undefined, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ port: number; dir: string }>((resolve, reject) => {
      let output = '';
      owner.stdout!.on('data', (chunk) => {
        output += chunk;
        if (output.includes('\n')) resolve(JSON.parse(output));
      });
      owner.once('exit', (code) => reject(new Error(`the owner exited (${code}) before its Redis was up`)));
    });
    expect(await refuses(started.port)).toBe(false);
    owner.kill('SIGKILL');

    // The watchdog looks once a second, then stops the server; allow it generously before calling it a leak.
    for (let waited = 0; waited < 20_000 && (!(await refuses(started.port)) || existsSync(started.dir)); waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await refuses(started.port)).toBe(true);
    expect(existsSync(started.dir)).toBe(false);
  });
});
