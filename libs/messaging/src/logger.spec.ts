import { logLevel } from 'kafkajs';
import { createJsonLineLogger, kafkaLogCreator, type MessagingLogger } from './logger';

describe('createJsonLineLogger', () => {
  it('writes one parsable JSON object per line with context, fields and bigints as strings', () => {
    const lines: Array<[string, string]> = [];
    const logger = createJsonLineLogger({ component: 'EventRelay' }, (level, line) => lines.push([level, line]));
    logger.warn('retrying', { position: 42n, attempt: 2 });
    logger.error('failed', { error: new Error('boom') });
    expect(lines.map(([level]) => level)).toEqual(['warn', 'error']);
    const first = JSON.parse(lines[0]![1]);
    expect(first).toMatchObject({ level: 'warn', msg: 'retrying', component: 'EventRelay', position: '42', attempt: 2 });
    expect(Date.parse(first.time)).not.toBeNaN();
    expect(lines[0]![1]).not.toContain('\n');
    expect(JSON.parse(lines[1]![1]).error).toMatchObject({ name: 'Error', message: 'boom' });
  });
});

describe('kafkaLogCreator', () => {
  it('routes kafkajs entries to the matching level with their namespace', () => {
    const calls: Array<[string, string, unknown]> = [];
    const logger: MessagingLogger = {
      info: (message, fields) => calls.push(['info', message, fields]),
      warn: (message, fields) => calls.push(['warn', message, fields]),
      error: (message, fields) => calls.push(['error', message, fields]),
    };
    const log = kafkaLogCreator(logger)(logLevel.WARN);
    const entry = (level: logLevel, message: string) => ({
      namespace: 'Connection',
      level,
      label: 'X',
      log: { timestamp: 't', logger: 'kafkajs', message, broker: 'b:1' },
    });
    log(entry(logLevel.ERROR, 'refused'));
    log(entry(logLevel.WARN, 'slow'));
    log(entry(logLevel.INFO, 'joined'));
    expect(calls).toEqual([
      ['error', 'kafkajs Connection: refused', { broker: 'b:1' }],
      ['warn', 'kafkajs Connection: slow', { broker: 'b:1' }],
      ['info', 'kafkajs Connection: joined', { broker: 'b:1' }],
    ]);
  });
});
