import { PostgresEventStore } from '@training-ledger/event-store';
import { createKafkaClient, decodeIntegrationMessage, headersAsStrings, readKafkaSecurity } from '@training-ledger/messaging';
import type { Kafka } from 'kafkajs';
import { userInfo } from 'node:os';
import { Pool } from 'pg';
import { findDeadLetter, findSetAside, redriveDeadLetter, whyNotRedrivable } from '../dead-letter-redrive';
import { eventStoreSchemaOf } from '../event-log-connection';
import { EventLogQuarantine, type SetAsideEvent } from '../quarantine-log';

const SERVICES = ['enrolment', 'course-delivery', 'certification', 'reporting'];
const USAGE = `Usage:
  npm run dead-letters -- list [service ...]                       what each service set aside, by reason
  npm run dead-letters -- show <service> <id>                      one of them, with the message it set aside
  npm run dead-letters -- redrive <service> <id> --actor <who>     put it back, once its cause is fixed

  DATABASE_URL         the event logs' database
  KAFKA_BROKERS        the brokers (show and redrive), with the services' KAFKA_SECURITY_PROTOCOL etc. when secured
  EVENT_STORE_SCHEMA   the schema, when it is not <service>_event_store (one service only)`;

/**
 * Lists, shows and redrives what the relay, the consumers and the local projections set aside.
 * Nothing is updated or deleted: a redrive is one more fact in the service's quarantine stream,
 * naming who put which event back and when, and the event itself goes back through its consumer.
 */
async function main(args: readonly string[]): Promise<void> {
  const [command, ...rest] = args;
  const actorAt = rest.indexOf('--actor');
  const actor = actorAt >= 0 ? rest[actorAt + 1] : undefined;
  const positional = rest.filter((_, index) => actorAt < 0 || (index !== actorAt && index !== actorAt + 1));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the event logs’ database');
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const quarantineOf = async (service: string) => {
    if (!SERVICES.includes(service) && !process.env.EVENT_STORE_SCHEMA) throw new Error(`unknown service ${service}: one of ${SERVICES.join(', ')}`);
    const store = await PostgresEventStore.create({ pool, schema: process.env.EVENT_STORE_SCHEMA ?? eventStoreSchemaOf(service), migrate: false });
    return new EventLogQuarantine(store, service);
  };
  try {
    switch (command) {
      case 'list': {
        const services = positional.length > 0 ? positional : SERVICES;
        if (process.env.EVENT_STORE_SCHEMA && services.length !== 1) throw new Error('EVENT_STORE_SCHEMA names the schema of one service: name exactly one');
        for (const service of services) console.log(listing(service, await (await quarantineOf(service)).entries()));
        return;
      }
      case 'show': {
        const [service, id] = positional;
        if (!service || !id) throw new Error(USAGE);
        const entry = findSetAside(await (await quarantineOf(service)).entries(), id);
        console.log(JSON.stringify({ ...entry, redrivable: whyNotRedrivable(entry) ?? 'yes', message: await withKafka((kafka) => shownMessage(kafka, entry)) }, bigintAsText, 2));
        return;
      }
      case 'redrive': {
        const [service, id] = positional;
        if (!service || !id) throw new Error(USAGE);
        const by = actor ?? userInfo().username;
        const outcome = await withKafka(async (kafka) => redriveDeadLetter({ kafka, quarantine: await quarantineOf(service), id, by: { id: by, roles: ['operator'] } }));
        switch (outcome.kind) {
          case 'redriven':
            console.log(`redriven by ${by} to ${outcome.redrivenTo}`);
            return;
          case 'already-redriven':
            console.log(`already redriven by ${outcome.redrive.by.id} at ${outcome.redrive.at} (to ${outcome.redrive.redrivenTo}); nothing sent`);
            return;
          case 'not-redrivable':
            throw new Error(`not redriven: ${outcome.reason}`);
        }
        return;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await pool.end();
  }
}

/** One block per service: its set-aside events grouped by source and reason, newest last. */
function listing(service: string, entries: readonly SetAsideEvent[]): string {
  const waiting = entries.filter((entry) => entry.redriven === null).length;
  const lines = [`${service}: ${entries.length} set aside, ${waiting} waiting`];
  const groups = new Map<string, SetAsideEvent[]>();
  for (const entry of entries) {
    const key = `${entry.source} — ${entry.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const [key, group] of groups) {
    lines.push(`  ${key}`);
    for (const entry of group) {
      const state = entry.redriven ? `redriven by ${entry.redriven.by.id} at ${entry.redriven.at}` : 'waiting';
      lines.push(`    ${entry.id}  ${entry.eventType}  ${entry.streamName}  ${entry.position}  set aside ${entry.recordedAt}  ${state}`);
    }
  }
  return lines.join('\n');
}

async function shownMessage(kafka: Kafka, entry: SetAsideEvent): Promise<unknown> {
  if (!entry.source.startsWith('consumer:')) return null;
  const found = await findDeadLetter(kafka, entry);
  if (!found) return 'no longer on the dead-letter topic';
  const headers = headersAsStrings(found.message.headers);
  try {
    return decodeIntegrationMessage(found.message);
  } catch {
    return { headers, value: found.message.value?.toString('utf8') ?? null };
  }
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

async function withKafka<T>(work: (kafka: Kafka) => Promise<T>): Promise<T> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter((broker) => broker.length > 0);
  if (brokers.length === 0) throw new Error('Set KAFKA_BROKERS to the brokers');
  const { security, warnings } = readKafkaSecurity(process.env);
  for (const warning of warnings) console.error(warning);
  return work(createKafkaClient({ clientId: 'dead-letters-cli', brokers, security }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
