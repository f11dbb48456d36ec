import type { Kafka } from 'kafkajs';
import { assertTopicName, deadLetterTopic, ensureTopics, serviceEventsTopic } from './topics';
import { parseBrokerList } from './kafka-client';

describe('topic names', () => {
  it('names a service topic and a consumer group dead-letter topic', () => {
    expect(serviceEventsTopic('enrolment')).toBe('enrolment.events.v1');
    expect(deadLetterTopic('reporting.progress-projection')).toBe('reporting.progress-projection.dlq.v1');
  });

  it.each(['', 'with space', 'slash/name', '..', 'x'.repeat(250)])('rejects %j', (name) => {
    expect(() => assertTopicName(name)).toThrow(RangeError);
  });
});

describe('parseBrokerList', () => {
  it('reads a comma-separated list and ignores blanks', () => {
    expect(parseBrokerList(' 127.0.0.1:19092, kafka-2:9092 ,')).toEqual(['127.0.0.1:19092', 'kafka-2:9092']);
    expect(parseBrokerList(undefined)).toEqual([]);
  });

  it('rejects an address without a port', () => {
    expect(() => parseBrokerList('kafka-1')).toThrow('expected host:port');
  });
});

describe('ensureTopics', () => {
  const unreachable = {
    admin: () => {
      throw new Error('the broker must not be contacted for an invalid request');
    },
  } as unknown as Kafka;

  it.each([
    [[{ topic: 'enrolment.events.v1', numPartitions: 0 }], 1, 'numPartitions must be a positive integer'],
    [[{ topic: 'bad topic', numPartitions: 3 }], 1, 'Invalid Kafka topic name'],
    [[{ topic: 'enrolment.events.v1', numPartitions: 3 }], 0, 'replicationFactor must be a positive integer'],
  ])('refuses %j with replication factor %d before contacting the broker', async (specs, replicationFactor, message) => {
    await expect(ensureTopics(unreachable, specs, { replicationFactor })).rejects.toThrow(message);
  });
});
