import { IsInt, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigurationError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';

class EnrolmentConfig extends ServiceConfig {
  override PORT = 3102;

  @Transform(({ value }) => (typeof value === 'string' ? Number(value) : value))
  @IsInt({ message: 'BULK_MAX_ITEMS must be a whole number from 1 to 5000' })
  @Min(1, { message: 'BULK_MAX_ITEMS must be a whole number from 1 to 5000' })
  @Max(5000, { message: 'BULK_MAX_ITEMS must be a whole number from 1 to 5000' })
  BULK_MAX_ITEMS = 1000;
}

describe('loadConfig', () => {
  let dir: string;
  let jwksFile: string;
  let valid: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-'));
    jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, '{"keys":[]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    valid = {
      PORT: '3101',
      SERVICE_NAME: 'certification',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:15432/training_ledger',
      KAFKA_BROKERS: '127.0.0.1:19092, kafka-2.internal:9092',
      MONGO_URL: 'mongodb://127.0.0.1:17017/read_models',
      AUTH_JWKS_FILE: jwksFile,
      NODE_ENV: 'test',
      PATH: '/usr/bin',
    };
  });

  function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
    try {
      loadConfig(ServiceConfig, env);
    } catch (error) {
      if (error instanceof InvalidConfigurationError) return error.problems;
      throw error;
    }
    throw new Error('configuration was accepted');
  }

  it('reads and converts a valid environment, with defaults and without unrelated variables', () => {
    const config = loadConfig(ServiceConfig, valid);
    expect(config).toBeInstanceOf(ServiceConfig);
    expect(config.PORT).toBe(3101);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092', 'kafka-2.internal:9092']);
    expect(config.EVENT_STORE).toBe('postgres');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config).not.toHaveProperty('PATH');
  });

  it('names every missing setting at once', () => {
    const error = (() => {
      try {
        loadConfig(ServiceConfig, { PATH: '/usr/bin' });
      } catch (caught) {
        return caught as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    expect(error?.message).toMatch(/^Invalid configuration: /);
    for (const setting of ['PORT', 'SERVICE_NAME', 'DATABASE_URL', 'KAFKA_BROKERS', 'MONGO_URL', 'AUTH_JWKS_URL']) {
      expect(error?.message).toContain(`${setting} is missing`);
    }
  });

  it('explains each bad value', () => {
    expect(problemsOf({ ...valid, KAFKA_BROKERS: 'localhost' })).toEqual(['KAFKA_BROKERS must be a comma-separated list of host:port']);
    expect(problemsOf({ ...valid, KAFKA_BROKERS: ' , ' })).toEqual(['KAFKA_BROKERS must be a comma-separated list of host:port']);
    expect(problemsOf({ ...valid, PORT: '70000' })).toEqual(['PORT must be a whole number from 1 to 65535']);
    expect(problemsOf({ ...valid, PORT: 'eighty' })).toEqual(['PORT must be a whole number from 1 to 65535']);
    expect(problemsOf({ ...valid, MONGO_URL: 'http://127.0.0.1:17017' })).toEqual(['MONGO_URL must be a mongodb:// URL']);
    expect(problemsOf({ ...valid, LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
    expect(problemsOf({ ...valid, EVENT_STORE: 'mysql' })).toEqual(['EVENT_STORE must be one of postgres, kurrentdb']);
  });

  it('needs DATABASE_URL for the postgres event store and EVENTSTORE_URL for kurrentdb', () => {
    const { DATABASE_URL: _omitted, ...withoutDatabase } = valid;
    expect(problemsOf(withoutDatabase)).toEqual([expect.stringMatching(/^DATABASE_URL is missing/)]);
    expect(problemsOf({ ...withoutDatabase, EVENT_STORE: 'kurrentdb' })).toEqual([
      'EVENTSTORE_URL is missing: EVENTSTORE_URL must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)',
    ]);
    const kurrent = loadConfig(ServiceConfig, { ...withoutDatabase, EVENT_STORE: 'kurrentdb', EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false' });
    expect(kurrent.EVENTSTORE_URL).toBe('kurrentdb://127.0.0.1:2113?tls=false');
  });

  it('wants exactly one source of signing keys, and a file that exists', () => {
    const { AUTH_JWKS_FILE: _omitted, ...withoutKeys } = valid;
    expect(problemsOf(withoutKeys)).toEqual(['AUTH_JWKS_URL is missing: set AUTH_JWKS_URL or AUTH_JWKS_FILE']);
    expect(problemsOf({ ...valid, AUTH_JWKS_URL: 'https://idp.mofa.gov.vn/jwks' })).toEqual([
      'AUTH_JWKS_URL and AUTH_JWKS_FILE are both set: keep only one',
    ]);
    expect(problemsOf({ ...valid, AUTH_JWKS_FILE: join(dir, 'absent.json') })).toEqual([
      'AUTH_JWKS_FILE must name an existing JSON Web Key Set file',
    ]);
    expect(loadConfig(ServiceConfig, { ...withoutKeys, AUTH_JWKS_URL: 'https://idp.mofa.gov.vn/jwks' }).AUTH_JWKS_URL).toBe(
      'https://idp.mofa.gov.vn/jwks',
    );
  });

  it('outside development or test, wants the issuer, the audience and an https key set', () => {
    const { AUTH_JWKS_FILE: _file, ...withoutKeys } = valid;
    const production = { ...withoutKeys, NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp.mofa.gov.vn/jwks' };
    expect(problemsOf(production)).toEqual([
      'AUTH_JWKS_URL must be https:// unless NODE_ENV is development or test',
      'AUTH_ISSUER is missing: AUTH_ISSUER is required unless NODE_ENV is development or test: the identity provider tokens must come from',
      'AUTH_AUDIENCE is missing: AUTH_AUDIENCE is required unless NODE_ENV is development or test: tokens meant for another system are refused',
    ]);
    const { NODE_ENV: _unnamed, ...unnamed } = production;
    expect(problemsOf(unnamed)).toHaveLength(3);
    const secure = loadConfig(ServiceConfig, { ...production, AUTH_JWKS_URL: 'https://idp.mofa.gov.vn/jwks', AUTH_ISSUER: 'https://idp.mofa.gov.vn', AUTH_AUDIENCE: 'training-ledger' });
    expect(secure).toMatchObject({ AUTH_AUDIENCE: 'training-ledger', AUTH_MAX_TOKEN_LIFETIME_SECONDS: 28_800, SIMULATION_MODE: false });
    expect(problemsOf({ ...valid, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '999999' })).toEqual(['AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 60 to 86400']);
  });

  it('treats an empty variable as missing', () => {
    expect(problemsOf({ ...valid, SERVICE_NAME: '  ' })).toEqual([expect.stringMatching(/^SERVICE_NAME is missing/)]);
  });

  it('lets a service add settings and defaults of its own', () => {
    const { PORT: _port, ...withoutPort } = valid;
    const config = loadConfig(EnrolmentConfig, withoutPort);
    expect(config.PORT).toBe(3102);
    expect(config.BULK_MAX_ITEMS).toBe(1000);
    expect(loadConfig(EnrolmentConfig, { ...valid, BULK_MAX_ITEMS: '250' }).BULK_MAX_ITEMS).toBe(250);
    expect(() => loadConfig(EnrolmentConfig, { ...valid, BULK_MAX_ITEMS: '9000' })).toThrow(
      'Invalid configuration: BULK_MAX_ITEMS must be a whole number from 1 to 5000',
    );
  });
});
