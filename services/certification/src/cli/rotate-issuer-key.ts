/**
 * Rotates the certificate signing key: `npm run rotate:issuer-key -- <key file>`. The file's active
 * key is retired (its public half stays published, so certificates it signed still verify) and a new
 * Ed25519 key becomes active. The services read the file at start: restart them after it changed.
 */
import { loadOrCreateKeyRing, saveKeyRing } from '../credentials/issuer-key-ring';
import { existsSync } from 'node:fs';

async function main(filePath: string | undefined): Promise<void> {
  if (!filePath) throw new Error('usage: rotate-issuer-key <key file>');
  if (!existsSync(filePath)) throw new Error(`no key file at ${filePath}: nothing to rotate`);
  const before = await loadOrCreateKeyRing(filePath, new Date());
  const after = await before.rotate(new Date());
  await saveKeyRing(filePath, after);
  console.log(`retired ${before.activeKid}; active now ${after.activeKid}`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(`Rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
