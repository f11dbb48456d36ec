import type { Actor } from '@training-ledger/decider';
import {
  deadLetterTopic,
  DeadLetterHeaders,
  headersAsStrings,
  readWholeTopic,
  redriveTopic,
  type ReadBackMessage,
} from '@training-ledger/messaging';
import { Partitioners, type IHeaders, type Kafka } from 'kafkajs';
import type { EventLogQuarantine, Redrive, SetAsideEvent } from './quarantine-log';

export type RedriveOutcome =
  | { readonly kind: 'redriven'; readonly redrivenTo: string }
  | { readonly kind: 'already-redriven'; readonly redrive: Redrive }
  | { readonly kind: 'not-redrivable'; readonly reason: string };

/** Headers naming the redrive on the message put back, beside the message's own. */
export const RedriveHeaders = { of: 'redrive-of', by: 'redriven-by' } as const;

const CONSUMER_SOURCE = 'consumer:';

/** The set-aside event an operator names by its id, or by a prefix of it that only it has. */
export function findSetAside(entries: readonly SetAsideEvent[], id: string): SetAsideEvent {
  const wanted = id.trim().toLowerCase();
  const matches = wanted.length >= 4 ? entries.filter((entry) => entry.id.startsWith(wanted)) : [];
  if (matches.length === 1) return matches[0]!;
  throw new Error(matches.length === 0 ? `nothing set aside has the id ${id}` : `${matches.length} set-aside events start with ${id}: give more of the id`);
}

/**
 * Why a set-aside event cannot be put back as it is, or null when it can. Only consumers' dead
 * letters are redriven: the relay set aside an event its own contract refused (publishing it needs
 * a fixed mapper and a release), and a local projection reads its log again from where it stopped.
 */
export function whyNotRedrivable(entry: SetAsideEvent): string | null {
  if (!entry.source.startsWith(CONSUMER_SOURCE)) return `set aside by ${entry.source}: only consumers’ dead letters are redriven`;
  if (!/^.+\/\d+@\d+$/.test(entry.position)) return `its position ${entry.position} is not <topic>/<partition>@<offset>`;
  return null;
}

/** The copy of the set-aside message on its group's dead-letter topic, or null when the topic no longer holds it. */
export async function findDeadLetter(kafka: Kafka, entry: SetAsideEvent): Promise<ReadBackMessage | null> {
  const group = entry.source.slice(CONSUMER_SOURCE.length);
  const messages = await readWholeTopic(kafka, deadLetterTopic(group));
  const matches = messages.filter(({ message }) => originalPosition(message.headers) === entry.position);
  return matches[matches.length - 1] ?? null;
}

/**
 * Puts a consumer's dead letter back on its group's redrive topic, where the same consumer hands it
 * to the same handler, whose idempotency and position guards apply as to any delivery; then records
 * who did it and when. Once recorded, redriving it again sends nothing. Sent first and recorded
 * second: a crash in between leaves it unrecorded and a second redrive sends it again, which the
 * handler's guards absorb, whereas the other order could record a redrive that never happened.
 */
export async function redriveDeadLetter(options: {
  readonly kafka: Kafka;
  readonly quarantine: EventLogQuarantine;
  readonly id: string;
  readonly by: Actor;
}): Promise<RedriveOutcome> {
  const entry = findSetAside(await options.quarantine.entries(), options.id);
  if (entry.redriven) return { kind: 'already-redriven', redrive: entry.redriven };
  const refused = whyNotRedrivable(entry);
  if (refused) return { kind: 'not-redrivable', reason: refused };
  const deadLetter = await findDeadLetter(options.kafka, entry);
  if (!deadLetter) return { kind: 'not-redrivable', reason: `the dead-letter topic no longer holds the message set aside at ${entry.position}` };

  const group = entry.source.slice(CONSUMER_SOURCE.length);
  const topic = redriveTopic(group);
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let redrivenTo: string;
  try {
    const [sent] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: deadLetter.message.key, value: deadLetter.message.value, headers: { ...withoutDeadLetterHeaders(deadLetter.message.headers), [RedriveHeaders.of]: entry.id, [RedriveHeaders.by]: options.by.id } }],
    });
    redrivenTo = `${topic}/${sent?.partition ?? 0}@${sent?.baseOffset ?? '?'}`;
  } finally {
    await producer.disconnect();
  }
  await options.quarantine.recordRedrive({ setAsideId: entry.id, source: entry.source, eventId: entry.eventId, eventType: entry.eventType, redrivenTo }, options.by);
  return { kind: 'redriven', redrivenTo };
}

function originalPosition(headers: IHeaders | undefined): string {
  const text = headersAsStrings(headers);
  return `${text[DeadLetterHeaders.originalTopic] ?? ''}/${text[DeadLetterHeaders.originalPartition] ?? ''}@${text[DeadLetterHeaders.originalOffset] ?? ''}`;
}

/** The message's own headers: a redriven message is a delivery like any other, not a dead letter. */
function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const deadLetterNames = new Set<string>(Object.values(DeadLetterHeaders));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !deadLetterNames.has(name)));
}
