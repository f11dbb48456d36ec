import { InvalidConfigurationError, loadConfig } from '@training-ledger/platform';
import { kafkaSecurityOf, RuntimeConfig } from './runtime-config';

const env = {
  PORT: '3101',
  SERVICE_NAME: 'enrolment',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:15432/training_ledger',
  KAFKA_BROKERS: '127.0.0.1:19092',
  MONGO_URL: 'mongodb://127.0.0.1:17017',
  AUTH_JWKS_URL: 'https://sso.example.org/jwks.json',
  NODE_ENV: 'test',
};

describe('READ_MODEL_WRITE_MODE', () => {
  it('is left to the projector (auto) when unset, and takes every write mode', () => {
    expect(loadConfig(RuntimeConfig, env).READ_MODEL_WRITE_MODE).toBeUndefined();
    for (const mode of ['bulk', 'sequential', 'replace', 'auto']) {
      expect(loadConfig(RuntimeConfig, { ...env, READ_MODEL_WRITE_MODE: mode }).READ_MODEL_WRITE_MODE).toBe(mode);
    }
  });

  it('refuses any other value, naming the setting and the modes', () => {
    const refusal = (() => {
      try {
        loadConfig(RuntimeConfig, { ...env, READ_MODEL_WRITE_MODE: 'fast' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(InvalidConfigurationError);
    expect((refusal as InvalidConfigurationError).problems).toEqual([
      expect.stringContaining('READ_MODEL_WRITE_MODE must be one of bulk, sequential, replace, auto'),
    ]);
  });
});

describe('Kafka security settings', () => {
  it('stop the service at start when half set, naming the variables', () => {
    const refusal = (() => {
      try {
        loadConfig(RuntimeConfig, { ...env, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'enrolment' });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(InvalidConfigurationError);
    expect((refusal as InvalidConfigurationError).problems).toEqual([
      'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SECURITY_PROTOCOL is SASL_SSL',
    ]);
  });

  it('are read by kafkaSecurityOf from the loaded configuration', () => {
    const config = loadConfig(RuntimeConfig, {
      ...env,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_USERNAME: 'enrolment',
      KAFKA_SASL_PASSWORD_FILE: '/var/run/secrets/kafka/password',
    });
    expect(kafkaSecurityOf(config).security).toEqual({
      protocol: 'SASL_SSL',
      tls: {},
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'enrolment', password: { file: '/var/run/secrets/kafka/password' } },
    });
    expect(kafkaSecurityOf(loadConfig(RuntimeConfig, env)).security).toEqual({ protocol: 'PLAINTEXT' });
  });
});
