import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedServices, serviceDocuments, type DocumentedService } from './service-documents';

export const generatedTypesDir = join(__dirname, '../../services/console/web/src/api/generated');

export function generatedTypesFile(service: DocumentedService): string {
  return join(generatedTypesDir, `${service}.ts`);
}

const HEADER = `// Generated from the service's OpenAPI document by test/openapi/console-api-types.spec.ts; do not edit.
// Regenerate: TL_UPDATE_API_TYPES=1 npx jest --selectProjects unit -- test/openapi\n\n`;

/** The console's typed API description of each service, as openapi-typescript writes it. */
export async function consoleApiTypes(): Promise<Record<DocumentedService, string>> {
  const documents = await serviceDocuments();
  const dir = mkdtempSync(join(tmpdir(), 'console-api-types-'));
  try {
    for (const service of documentedServices) writeFileSync(join(dir, `${service}.json`), JSON.stringify(documents[service]));
    execFileSync(process.execPath, [join(__dirname, 'types-from-documents.mjs'), dir, HEADER], { stdio: 'inherit' });
    const types = {} as Record<DocumentedService, string>;
    for (const service of documentedServices) types[service] = readFileSync(join(dir, `${service}.ts`), 'utf8');
    return types;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
