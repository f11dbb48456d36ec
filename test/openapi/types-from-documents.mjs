// Writes <name>.ts beside each <name>.json of a folder: the types openapi-typescript makes of that OpenAPI document.
// Run as its own Node process because openapi-typescript's dependencies load only as ES modules.
import openapiTS, { astToString } from 'openapi-typescript';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, header = ''] = process.argv.slice(2);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
  const ast = await openapiTS(JSON.parse(readFileSync(join(dir, file), 'utf8')), { alphabetize: true });
  writeFileSync(join(dir, file.replace(/\.json$/, '.ts')), `${header}${astToString(ast)}`);
}
