import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Enough of a NetworkPolicy to read who may reach what. */
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values: string[] }[];
}
interface Peer {
  namespaceSelector?: Selector;
  podSelector?: Selector;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { protocol: string; port: number }[];
}
interface Policy {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { podSelector: Selector; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] };
}
interface Workload {
  kind: string;
  spec?: { template: { metadata: { labels: Record<string, string> } } };
}

const k8s = join(__dirname, '../../deploy/k8s');
const read = <T>(path: string): T[] =>
  parseAllDocuments(readFileSync(join(k8s, path), 'utf8')).map((document) => document.toJS() as T).filter(Boolean);

const NAME = 'app.kubernetes.io/name';
const services = ['enrolment', 'course-delivery', 'certification', 'reporting'];
const dataStores = ['kafka', 'postgresql', 'mongodb'];

/** The app.kubernetes.io/name values a selector admits (every selector here names them). */
function names(selector: Selector | undefined): string[] {
  const exact = selector?.matchLabels?.[NAME];
  if (exact) return [exact];
  return selector?.matchExpressions?.find((expression) => expression.key === NAME && expression.operator === 'In')?.values ?? [];
}

const policies = read<Policy>('data-stores/network-policies.yaml');
const admitting = (store: string): Policy[] => policies.filter((policy) => names(policy.spec.podSelector).includes(store));

describe('network policies: only the services reach the brokers and databases', () => {
  it('deny every ingress to the data stores that no policy allows', () => {
    const deny = policies.find((policy) => policy.metadata.name === 'data-stores-default-deny-ingress')!;
    expect(names(deny.spec.podSelector).sort()).toEqual([...dataStores].sort());
    expect(deny.spec).toMatchObject({ policyTypes: ['Ingress'], ingress: [] });
  });

  it.each([
    ['kafka', services],
    ['postgresql', [...services, 'migrate']],
    ['mongodb', services],
  ])('let into %s only the pods of the training-ledger namespace named, and its own peers', (store, allowed) => {
    const peers = admitting(store).flatMap((policy) => policy.spec.ingress ?? []).flatMap((rule) => rule.from ?? []);
    const fromTrainingLedger = peers.filter((peer) => peer.namespaceSelector);
    for (const peer of fromTrainingLedger) {
      expect(peer.namespaceSelector!.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'training-ledger' });
    }
    expect([...new Set(fromTrainingLedger.flatMap((peer) => names(peer.podSelector)))].sort()).toEqual([...allowed].sort());
    for (const peer of peers.filter((candidate) => !candidate.namespaceSelector)) expect(names(peer.podSelector)).toEqual([store]);
  });

  it('name the services and the migration Job by the labels their pods carry', () => {
    const labelled = ['enrolment', 'course-delivery', 'certification', 'reporting', 'migrate'].flatMap((file) =>
      read<Workload>(`base/${file}.yaml`)
        .filter((workload) => workload.kind === 'Deployment' || workload.kind === 'Job')
        .map((workload) => workload.spec!.template.metadata.labels[NAME]),
    );
    expect([...new Set(labelled)].sort()).toEqual([...services, 'migrate'].sort());
  });

  it('let the services reach only DNS, the data stores and HTTPS, and the migration Job only DNS and PostgreSQL', () => {
    const egress = read<Policy>('base/network-policies.yaml');
    const reaches = (pod: string): string[] =>
      egress
        .filter((policy) => names(policy.spec.podSelector).includes(pod))
        .flatMap((policy) => policy.spec.egress ?? [])
        .flatMap((rule) => (rule.to ?? [{ podSelector: { matchLabels: { [NAME]: `any:${rule.ports!.map((port) => port.port).join(',')}` } } }]))
        .map((peer) => names(peer.podSelector)[0] ?? peer.podSelector?.matchLabels?.['k8s-app'] ?? 'unnamed');
    for (const service of services) expect(reaches(service).sort()).toEqual(['any:443', 'kafka', 'kube-dns', 'mongodb', 'postgresql']);
    expect(reaches('migrate').sort()).toEqual(['kube-dns', 'postgresql']);
    expect(egress.every((policy) => policy.spec.policyTypes.includes('Egress'))).toBe(true);
  });
});
