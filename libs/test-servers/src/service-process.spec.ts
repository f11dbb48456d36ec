import { createServer } from 'node:net';
import { freePort } from './service-process';

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range that a service can listen on', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 40; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
