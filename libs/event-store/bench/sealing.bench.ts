/**
 * What sealing costs the process that seals: reading the log as stored and hashing every event, per
 * event, on attendance-shaped events; and the same read alone, which the relay pays anyway.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:sealing -- [events=20000]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { LogSealer, PostgresEventStore, type GlobalPosition } from '../src';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const schema = `seal_bench_${randomBytes(4).toString('hex')}`;
  const store = await PostgresEventStore.create({ pool, schema });
  try {
    const metadata = { correlationId: 'bench', actor: { id: 'institution:HVNG', roles: ['institution-integration'] }, occurredAt: '2027-03-01T02:00:00.000Z' };
    for (let first = 0; first < count; first += 500) {
      await store.appendToStream(
        `attendance-RUN-${first}`,
        Array.from({ length: Math.min(500, count - first) }, (_, index) => ({
          type: 'AttendanceRecorded.v1',
          data: { runId: `RUN-${first}`, sessionId: `S${index % 10}`, traineeId: `T-${first + index}`, agencyId: 'BTP', status: index % 7 === 0 ? 'absent' : 'present', observedAt: '2027-03-01T02:00:00.000Z', recordedBy: 'HVNG' },
          metadata,
        })),
        { expectedVersion: 'no_stream' },
      );
    }
    let readAt = performance.now();
    let after: GlobalPosition | null = null;
    for (;;) {
      const page = await store.readAllAsStored(after ? { after } : 'start', { limit: 1_000 });
      if (page.length > 0) after = page.at(-1)!.globalPosition;
      if (page.length < 1_000) break;
    }
    const readMs = performance.now() - readAt;
    readAt = performance.now();
    const seals = await new LogSealer({ service: 'bench', log: store, everyEvents: 500 }).sealNow();
    const sealMs = performance.now() - readAt;
    console.log(`events ${count.toLocaleString('en')}, seals ${seals.length}`);
    console.log(`read alone        ${readMs.toFixed(0)} ms (${((readMs * 1000) / count).toFixed(1)} µs/event)`);
    console.log(`read, hash, seal  ${sealMs.toFixed(0)} ms (${((sealMs * 1000) / count).toFixed(1)} µs/event)`);
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool.end();
  }
}

void main();
