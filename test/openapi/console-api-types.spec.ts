import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { documentedServices } from './service-documents';
import { consoleApiTypes, generatedTypesFile } from './console-api-types';

/**
 * The console's API clients are typed from the services' OpenAPI documents: when a service changes
 * its routes or bodies, this fails until the types are regenerated and the console is checked again.
 */
describe('the console API types', () => {
  it('match the OpenAPI document each service serves', async () => {
    const types = await consoleApiTypes();
    const update = process.env.TL_UPDATE_API_TYPES === '1';
    for (const service of documentedServices) {
      const file = generatedTypesFile(service);
      if (update) writeFileSync(file, types[service]);
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
      expect({ service, types: committed }).toEqual({ service, types: types[service] });
    }
  }, 120_000);
});
