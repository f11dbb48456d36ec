import { mintToken, readPrivateKey } from '@training-ledger/auth';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface AgencySeed {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly kind: string;
  readonly parentAgencyCode?: string | null;
}

const usage = `Registers agencies from a seed file through the enrolment API. Safe to run again.

  npm run seed:agencies -- [--file F] [--url http://127.0.0.1:3101] [--token T | --keys .local/keys]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', default: resolve(__dirname, '../seed/agencies.vn-2025.json') },
      url: { type: 'string', default: process.env.ENROLMENT_URL ?? 'http://127.0.0.1:3101' },
      token: { type: 'string' },
      keys: { type: 'string', default: '.local/keys' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const seed = JSON.parse(readFileSync(values.file, 'utf8')) as { agencies: AgencySeed[] };
  const token =
    values.token ??
    (await mintToken({
      privateJwk: readPrivateKey(values.keys, 'EdDSA'),
      roles: ['programme-admin'],
      subject: 'seed:agencies',
      ttl: '10m',
    }));

  const outcome = { registered: 0, unchanged: 0, failed: 0 };
  // Provinces before their communes, so that a commune's parent exists when it arrives.
  const ordered = [...seed.agencies].sort((a, b) => Number(a.kind === 'commune') - Number(b.kind === 'commune'));
  for (const agency of ordered) {
    const response = await fetch(`${values.url}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(agency),
    });
    const body = (await response.json()) as { recorded?: string[]; detail?: string };
    if (!response.ok) {
      outcome.failed += 1;
      console.error(`${agency.code}: ${response.status} ${body.detail ?? ''}`);
    } else if (body.recorded?.length) {
      outcome.registered += 1;
    } else {
      outcome.unchanged += 1;
    }
  }
  console.log(
    `${seed.agencies.length} agencies: ${outcome.registered} registered, ${outcome.unchanged} already registered, ${outcome.failed} failed`,
  );
  return outcome.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
