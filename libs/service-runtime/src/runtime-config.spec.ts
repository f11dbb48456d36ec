import { InvalidConfigurationError, loadConfig } from '@training-ledger/platform';
import { RuntimeConfig } from './runtime-config';

const env = {
  PORT: '3101',
  SERVICE_NAME: 'enrolment',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/training_ledger',
  KAFKA_BROKERS: '127.0.0.1:59092',
  MONGO_URL: 'mongodb://127.0.0.1:57017',
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
