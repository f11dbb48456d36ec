import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JWKS_FILE_NAME, readPrivateKey, writeKeyDirectory } from '../key-directory';
import { isRole, ROLES, type Role } from '../roles';
import { generateSigningKey, mintToken, type SigningAlgorithm, type SigningKey } from '../signing-keys';

const USAGE = `Usage:
  tokens init-keys --dir <dir> [--rsa] [--force | --if-missing]
      Generate an Ed25519 signing key (and an RS256 one with --rsa) and the public jwks.json.
  tokens mint --dir <dir> --role <role> [--role <role> ...] [--agency <code>] [--institution <id>]
              [--sub <id>] [--ttl 8h] [--issuer <iss>] [--audience <aud>] [--alg EdDSA|RS256]
      Print a signed bearer token.
Roles: ${ROLES.join(', ')}`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Returns the process exit code. */
export async function runTokensCli(argv: readonly string[], output: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'init-keys':
        return await initKeys(rest, output);
      case 'mint':
        return await mint(rest, output);
      default:
        output.err(USAGE);
        return command === undefined || command === '--help' ? 0 : 2;
    }
  } catch (error) {
    output.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

async function initKeys(args: readonly string[], output: CliOutput): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      dir: { type: 'string' },
      rsa: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'if-missing': { type: 'boolean', default: false },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  if (values['if-missing'] && existsSync(join(values.dir, JWKS_FILE_NAME))) {
    output.err(`keys already in ${values.dir}; left as they are`);
    return 0;
  }
  const keys = new Map<SigningAlgorithm, SigningKey>([['EdDSA', await generateSigningKey('EdDSA')]]);
  if (values.rsa) keys.set('RS256', await generateSigningKey('RS256'));
  for (const file of writeKeyDirectory(values.dir, keys, { force: values.force })) output.err(`wrote ${file}`);
  return 0;
}

async function mint(args: readonly string[], output: CliOutput): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      dir: { type: 'string' },
      role: { type: 'string', multiple: true },
      agency: { type: 'string' },
      institution: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      alg: { type: 'string', default: 'EdDSA' },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  const roles = values.role ?? [];
  if (roles.length === 0) throw new Error(`At least one --role is required (${ROLES.join(', ')})`);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`Unknown role ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  if (roles.includes('agency-integration') && !values.agency) {
    throw new Error('--agency is required for the agency-integration role');
  }
  if (values.alg !== 'EdDSA' && values.alg !== 'RS256') throw new Error('--alg must be EdDSA or RS256');

  const token = await mintToken({
    privateJwk: readPrivateKey(values.dir, values.alg),
    roles: roles as Role[],
    subject: values.sub ?? `local:${roles.join('+')}${values.agency ? `@${values.agency}` : ''}`,
    agencyId: values.agency,
    institutionId: values.institution,
    ttl: values.ttl,
    issuer: values.issuer,
    audience: values.audience,
  });
  output.out(token);
  return 0;
}

if (require.main === module) {
  runTokensCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
