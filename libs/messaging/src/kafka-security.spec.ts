import { kafkaConnectionOptions, KafkaSecurityConfigurationError, readKafkaSecurity } from './kafka-security';

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    readKafkaSecurity(env);
  } catch (error) {
    if (error instanceof KafkaSecurityConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

const scram = {
  NODE_ENV: 'production',
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_USERNAME: 'enrolment',
  KAFKA_SASL_PASSWORD: 'correct horse',
  KAFKA_TLS_CA_FILE: '/etc/kafka-ca/ca.crt',
};

describe('readKafkaSecurity', () => {
  it('is plaintext when nothing is set, quietly in development and test', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(readKafkaSecurity({ NODE_ENV })).toEqual({ security: { protocol: 'PLAINTEXT' }, warnings: [] });
    }
  });

  it('warns about plaintext anywhere else, naming the setting that secures it', () => {
    for (const NODE_ENV of ['production', 'staging', undefined]) {
      const { security, warnings } = readKafkaSecurity({ NODE_ENV, KAFKA_SECURITY_PROTOCOL: NODE_ENV ? 'PLAINTEXT' : undefined });
      expect(security).toEqual({ protocol: 'PLAINTEXT' });
      expect(warnings).toEqual([expect.stringContaining('set KAFKA_SECURITY_PROTOCOL=SASL_SSL')]);
    }
  });

  it('reads SASL_SSL with SCRAM-SHA-512 by default, the CA and the password', () => {
    expect(readKafkaSecurity(scram)).toEqual({
      security: {
        protocol: 'SASL_SSL',
        tls: { caFile: '/etc/kafka-ca/ca.crt' },
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'enrolment', password: { value: 'correct horse' } },
      },
      warnings: [],
    });
  });

  it('reads the password from a mounted file, SCRAM-SHA-256, and a client certificate', () => {
    const { KAFKA_SASL_PASSWORD: _inline, ...rest } = scram;
    const { security } = readKafkaSecurity({
      ...rest,
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_PASSWORD_FILE: '/var/run/secrets/kafka/password',
      KAFKA_TLS_CERT_FILE: '/etc/kafka-client/tls.crt',
      KAFKA_TLS_KEY_FILE: '/etc/kafka-client/tls.key',
    });
    expect(security).toEqual({
      protocol: 'SASL_SSL',
      tls: { caFile: '/etc/kafka-ca/ca.crt', certFile: '/etc/kafka-client/tls.crt', keyFile: '/etc/kafka-client/tls.key' },
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'enrolment', password: { file: '/var/run/secrets/kafka/password' } },
    });
  });

  it('reads SSL alone, with the system CAs when none is named', () => {
    expect(readKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'SSL' })).toEqual({ security: { protocol: 'SSL', tls: {} }, warnings: [] });
  });

  it('refuses SASL settings without SASL_SSL, naming each variable, in every environment', () => {
    for (const NODE_ENV of ['test', 'production']) {
      expect(problemsOf({ NODE_ENV, KAFKA_SASL_USERNAME: 'enrolment', KAFKA_SASL_PASSWORD: 'secret' })).toEqual([
        'KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set KAFKA_SECURITY_PROTOCOL=SASL_SSL to authenticate',
        'KAFKA_SASL_PASSWORD is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set KAFKA_SECURITY_PROTOCOL=SASL_SSL to authenticate',
      ]);
    }
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512' })).toEqual([
      'KAFKA_SASL_MECHANISM is set but KAFKA_SECURITY_PROTOCOL is SSL: set KAFKA_SECURITY_PROTOCOL=SASL_SSL to authenticate',
    ]);
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' })).toEqual([
      'KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_SSL: SASL credentials are never sent unencrypted, use SASL_SSL',
    ]);
  });

  it('refuses TLS files with PLAINTEXT, an unknown protocol or mechanism', () => {
    expect(problemsOf({ KAFKA_TLS_CA_FILE: '/ca.crt' })).toEqual([
      'KAFKA_TLS_CA_FILE is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set SSL or SASL_SSL to use TLS',
    ]);
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'TLS' })).toEqual(['KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_SSL']);
    expect(problemsOf({ ...scram, KAFKA_SASL_MECHANISM: 'PLAIN' })).toEqual(['KAFKA_SASL_MECHANISM must be one of SCRAM-SHA-512, SCRAM-SHA-256']);
  });

  it('refuses SASL_SSL without a user or a password, or with two passwords', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toEqual([
      'KAFKA_SASL_USERNAME is required when KAFKA_SECURITY_PROTOCOL is SASL_SSL',
      'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SECURITY_PROTOCOL is SASL_SSL',
    ]);
    expect(problemsOf({ ...scram, KAFKA_SASL_PASSWORD_FILE: '/password' })).toEqual([
      'KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: keep only one',
    ]);
  });

  it('refuses half a client certificate', () => {
    expect(problemsOf({ ...scram, KAFKA_TLS_CERT_FILE: '/tls.crt' })).toEqual([
      'KAFKA_TLS_CERT_FILE is set without KAFKA_TLS_KEY_FILE: a client certificate needs both',
    ]);
    expect(problemsOf({ ...scram, KAFKA_TLS_KEY_FILE: '/tls.key' })).toEqual([
      'KAFKA_TLS_KEY_FILE is set without KAFKA_TLS_CERT_FILE: a client certificate needs both',
    ]);
  });
});

describe('kafkaConnectionOptions', () => {
  const files: Record<string, string> = {
    '/ca.crt': 'CA PEM',
    '/tls.crt': 'CERT PEM',
    '/tls.key': 'KEY PEM',
    '/password': 'from file\n',
  };
  const readFile = (path: string): string => {
    if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
    return files[path]!;
  };

  it('adds nothing for plaintext', () => {
    expect(kafkaConnectionOptions({ protocol: 'PLAINTEXT' }, readFile)).toEqual({});
  });

  it('verifies the brokers against the CA and sends the client certificate', () => {
    expect(kafkaConnectionOptions({ protocol: 'SSL', tls: { caFile: '/ca.crt', certFile: '/tls.crt', keyFile: '/tls.key' } }, readFile)).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM' },
    });
  });

  it('authenticates with SCRAM, the password from a file without its final newline', () => {
    const options = kafkaConnectionOptions(
      { protocol: 'SASL_SSL', tls: { caFile: '/ca.crt' }, sasl: { mechanism: 'SCRAM-SHA-256', username: 'reporting', password: { file: '/password' } } },
      readFile,
    );
    expect(options).toEqual({ ssl: { rejectUnauthorized: true, ca: ['CA PEM'] }, sasl: { mechanism: 'scram-sha-256', username: 'reporting', password: 'from file' } });
    expect(
      kafkaConnectionOptions({ protocol: 'SASL_SSL', tls: {}, sasl: { mechanism: 'SCRAM-SHA-512', username: 'u', password: { value: 'p ' } } }, readFile).sasl,
    ).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p ' });
  });

  it('names the variable whose file cannot be read', () => {
    expect(() => kafkaConnectionOptions({ protocol: 'SSL', tls: { caFile: '/missing.crt' } }, readFile)).toThrow(
      /KAFKA_TLS_CA_FILE names \/missing.crt, which cannot be read: ENOENT/,
    );
  });
});
