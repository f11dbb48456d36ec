import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** Where a secret comes from: the variable itself, or a file (a mounted Kubernetes Secret). */
export type SecretSource = { readonly value: string } | { readonly file: string };

export interface KafkaTlsSettings {
  /** The CA that signed the brokers' certificates; the system's trusted CAs when omitted. */
  readonly caFile?: string;
  /** A client certificate and its key, for brokers that ask for one. */
  readonly certFile?: string;
  readonly keyFile?: string;
}

export interface KafkaSaslSettings {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: SecretSource;
}

/** How the clients of one process reach the brokers; only names files, reads none. */
export interface KafkaSecurity {
  readonly protocol: KafkaSecurityProtocol;
  readonly tls?: KafkaTlsSettings;
  readonly sasl?: KafkaSaslSettings;
}

export interface KafkaSecurityReading {
  readonly security: KafkaSecurity;
  /** Accepted, but worth a line in the log: plaintext outside development and test. */
  readonly warnings: readonly string[];
}

export class KafkaSecurityConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kafka security settings: ${problems.join('; ')}`);
    this.name = 'KafkaSecurityConfigurationError';
  }
}

export const PLAINTEXT_KAFKA: KafkaSecurity = { protocol: 'PLAINTEXT' };

type Environment = Readonly<Record<string, string | undefined>>;

const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const;
const TLS_VARIABLES = ['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE'] as const;

function setting(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function isDevelopmentOrTest(env: Environment): boolean {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
}

/**
 * Reads KAFKA_SECURITY_PROTOCOL (PLAINTEXT, the default; SSL; SASL_SSL), KAFKA_SASL_MECHANISM
 * (SCRAM-SHA-512, the default; SCRAM-SHA-256), KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or
 * KAFKA_SASL_PASSWORD_FILE, KAFKA_TLS_CA_FILE and, for client certificates, KAFKA_TLS_CERT_FILE with
 * KAFKA_TLS_KEY_FILE. Refuses, naming every variable at fault at once, settings that would connect
 * otherwise than they say: credentials without SASL_SSL would be ignored or sent in clear.
 */
export function readKafkaSecurity(env: Environment): KafkaSecurityReading {
  const problems: string[] = [];
  const warnings: string[] = [];
  const protocolSetting = setting(env, 'KAFKA_SECURITY_PROTOCOL')?.toUpperCase() ?? 'PLAINTEXT';
  const protocol = KAFKA_SECURITY_PROTOCOLS.find((known) => known === protocolSetting);
  if (!protocol) {
    const sent = protocolSetting === 'SASL_PLAINTEXT' ? ': SASL credentials are never sent unencrypted, use SASL_SSL' : '';
    throw new KafkaSecurityConfigurationError([`KAFKA_SECURITY_PROTOCOL must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}${sent}`]);
  }

  if (protocol !== 'SASL_SSL') {
    for (const name of SASL_VARIABLES.filter((variable) => setting(env, variable) !== undefined)) {
      problems.push(`${name} is set but KAFKA_SECURITY_PROTOCOL is ${protocol}: set KAFKA_SECURITY_PROTOCOL=SASL_SSL to authenticate`);
    }
  }
  if (protocol === 'PLAINTEXT') {
    for (const name of TLS_VARIABLES.filter((variable) => setting(env, variable) !== undefined)) {
      problems.push(`${name} is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set SSL or SASL_SSL to use TLS`);
    }
    if (!isDevelopmentOrTest(env)) {
      warnings.push(
        'Kafka traffic is unencrypted and unauthenticated (KAFKA_SECURITY_PROTOCOL=PLAINTEXT outside development and test): ' +
          'any client on the network can read and write every topic; set KAFKA_SECURITY_PROTOCOL=SASL_SSL',
      );
    }
  }
  if (problems.length > 0) throw new KafkaSecurityConfigurationError(problems);
  if (protocol === 'PLAINTEXT') return { security: PLAINTEXT_KAFKA, warnings };

  const tls = readTls(env, problems);
  const sasl = protocol === 'SASL_SSL' ? readSasl(env, problems) : undefined;
  if (problems.length > 0) throw new KafkaSecurityConfigurationError(problems);
  return { security: { protocol, tls, ...(sasl ? { sasl } : {}) }, warnings };
}

function readTls(env: Environment, problems: string[]): KafkaTlsSettings {
  const caFile = setting(env, 'KAFKA_TLS_CA_FILE');
  const certFile = setting(env, 'KAFKA_TLS_CERT_FILE');
  const keyFile = setting(env, 'KAFKA_TLS_KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    problems.push(
      certFile === undefined
        ? 'KAFKA_TLS_KEY_FILE is set without KAFKA_TLS_CERT_FILE: a client certificate needs both'
        : 'KAFKA_TLS_CERT_FILE is set without KAFKA_TLS_KEY_FILE: a client certificate needs both',
    );
  }
  return { ...(caFile ? { caFile } : {}), ...(certFile ? { certFile } : {}), ...(keyFile ? { keyFile } : {}) };
}

function readSasl(env: Environment, problems: string[]): KafkaSaslSettings | undefined {
  const mechanismSetting = setting(env, 'KAFKA_SASL_MECHANISM')?.toUpperCase() ?? 'SCRAM-SHA-512';
  const mechanism = KAFKA_SASL_MECHANISMS.find((known) => known === mechanismSetting);
  if (!mechanism) problems.push(`KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
  const username = setting(env, 'KAFKA_SASL_USERNAME');
  if (!username) problems.push('KAFKA_SASL_USERNAME is required when KAFKA_SECURITY_PROTOCOL is SASL_SSL');
  // The password itself is not trimmed: spaces may belong to it.
  const password = env.KAFKA_SASL_PASSWORD ? env.KAFKA_SASL_PASSWORD : undefined;
  const passwordFile = setting(env, 'KAFKA_SASL_PASSWORD_FILE');
  if (password !== undefined && passwordFile !== undefined) {
    problems.push('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: keep only one');
  } else if (password === undefined && passwordFile === undefined) {
    problems.push('KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SECURITY_PROTOCOL is SASL_SSL');
  }
  if (!mechanism || !username || (password === undefined) === (passwordFile === undefined)) return undefined;
  return { mechanism, username, password: password !== undefined ? { value: password } : { file: passwordFile! } };
}

export type ReadSecretFile = (path: string) => string;

const readTextFile: ReadSecretFile = (path) => readFileSync(path, 'utf8');

/** The kafkajs `ssl` and `sasl` options for the settings, reading the files they name. */
export function kafkaConnectionOptions(security: KafkaSecurity, readFile: ReadSecretFile = readTextFile): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (security.protocol === 'PLAINTEXT') return {};
  const tls = security.tls ?? {};
  const read = (variable: string, path: string): string => {
    try {
      return readFile(path);
    } catch (error) {
      throw new KafkaSecurityConfigurationError([`${variable} names ${path}, which cannot be read: ${(error as Error).message}`]);
    }
  };
  const ssl = {
    rejectUnauthorized: true,
    ...(tls.caFile ? { ca: [read('KAFKA_TLS_CA_FILE', tls.caFile)] } : {}),
    ...(tls.certFile ? { cert: read('KAFKA_TLS_CERT_FILE', tls.certFile) } : {}),
    ...(tls.keyFile ? { key: read('KAFKA_TLS_KEY_FILE', tls.keyFile) } : {}),
  };
  if (security.protocol === 'SSL' || !security.sasl) return { ssl };
  const { mechanism, username, password } = security.sasl;
  // A mounted Secret file usually ends with a newline that is not part of the password.
  const secret = 'value' in password ? password.value : read('KAFKA_SASL_PASSWORD_FILE', password.file).replace(/\r?\n$/, '');
  const sasl: SASLOptions =
    mechanism === 'SCRAM-SHA-512' ? { mechanism: 'scram-sha-512', username, password: secret } : { mechanism: 'scram-sha-256', username, password: secret };
  return { ssl, sasl };
}
