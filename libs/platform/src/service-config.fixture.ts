import type { LocalTokenAuthority } from '@training-ledger/auth';
import { PassThrough } from 'node:stream';
import { loadConfig } from './config/load-config';
import { ServiceConfig } from './config/service-config';

/** The configuration of a service under test that reaches no server: tokens from a local authority. */
export function testServiceConfig(authority: LocalTokenAuthority, serviceName: string, port: number): ServiceConfig {
  return loadConfig(ServiceConfig, {
    PORT: String(port),
    SERVICE_NAME: serviceName,
    DATABASE_URL: 'postgres://postgres@127.0.0.1:15432/training_ledger',
    KAFKA_BROKERS: '127.0.0.1:19092',
    MONGO_URL: 'mongodb://127.0.0.1:17017',
    AUTH_JWKS_FILE: authority.jwksFile,
    AUTH_AUDIENCE: 'training-ledger',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
  });
}

/** A log destination that keeps each JSON line the service writes. */
export function capturedLog(lines: string[]): PassThrough {
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter((line) => line !== '')));
  return destination;
}
