import { certificationContract } from '@training-ledger/contracts';
import { applyUpdate, hasApplied, planWrites, type ProjectableEvent, type Projection } from '@training-ledger/read-models';
import { phaseTargetsV1 } from '../evaluation-core';
import { liveProgress } from './live-progress';
import { type CertificateProgressDocument, certificateProgressProjection, type RosterDeclarationDocument } from './progress.projections';

const metadata = { correlationId: 'c-1', causationId: null, actor: { id: 'certification', roles: [] }, occurredAt: '2027-03-22T02:00:00.000Z', agencyId: null, recordedAt: '2027-03-22T02:00:00.000Z' };
const issued = (certificateId: string, traineeId: string, agencyId: string, targetGroup: 'regular' | 'non-regular', overrides: Record<string, unknown> = {}) => ({
  type: 'CertificateIssued.v1',
  data: {
    certificateId, certificateNumber: '2027/000001', traineeId, agencyId, targetGroup, rank: 'specialist', leadership: false, runId: `run-${certificateId}`,
    courseId: 'C', courseCode: 'C', level: 'universal', trainingGroup: 'expertise', format: 'in-person', runStartDate: '2027-03-15', runEndDate: '2027-03-19',
    issuedOn: '2027-03-22', issuedBy: 'certifier', basis: { attendanceShare: '1.0000', assessmentPassed: null, ruleVersion: 1 }, ...overrides,
  },
});

function logged(events: readonly { type: string; data: unknown }[]): ProjectableEvent[] {
  return events.map((event, position) => ({
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data,
    metadata,
    source: { service: 'certification', streamName: 'certificate-register-2027', streamPosition: BigInt(position) },
    feedPosition: { kind: 'kafka', topic: 'certification.events.v1', partition: 0, offset: BigInt(position) },
  }));
}

function project(projection: Projection, events: readonly ProjectableEvent[], documents = new Map<string, Record<string, unknown>>()) {
  for (const wave of planWrites(projection, events).waves) {
    for (const write of wave) {
      const current = documents.get(write.id);
      if (current && hasApplied(current, write.sourceKey, write.encodedPosition)) continue;
      documents.set(write.id, applyUpdate(current ?? { _id: write.id }, write.update, current === undefined));
    }
  }
  return documents;
}

const roster = (agencyId: string, asOf: string, regular: number, nonRegular: number): RosterDeclarationDocument => ({ _id: `${agencyId}-${asOf}`, agencyId, asOf, regular, nonRegular });

describe('live progress (tiến độ)', () => {
  const events = [
    issued('c1', 't1', 'BNG', 'regular'),
    issued('c2', 't2', 'BNG', 'regular'),
    issued('c3', 't2', 'BNG', 'regular', { runId: 'run-second' }),
    issued('c4', 't3', 'HN', 'non-regular'),
    { type: 'CertificateRevoked.v1', data: { certificateId: 'c1', certificateNumber: '2027/000001', traineeId: 't1', agencyId: 'BNG', runId: 'run-c1', revokedOn: '2027-04-01', revokedBy: 'certifier', reason: 'error' } },
  ];

  it('is fed by events the certification contract publishes', () => {
    for (const event of events) expect(certificationContract.schemas[event.type as 'CertificateIssued.v1'].safeParse(event.data).success).toBe(true);
  });

  it('holds the same certificates when the whole feed is replayed twice', () => {
    const once = project(certificateProgressProjection, logged(events));
    const twice = project(certificateProgressProjection, logged(events), project(certificateProgressProjection, logged(events)));
    expect([...twice.entries()]).toEqual([...once.entries()]);
    expect(once.get('c1')).toMatchObject({ revoked: true });
  });

  it('counts distinct people trained against the latest roster and the band of the phase in force', () => {
    const certificates = [...project(certificateProgressProjection, logged(events)).values()] as unknown as CertificateProgressDocument[];
    const view = liveProgress({
      asOf: '2027-06-30',
      targets: phaseTargetsV1.targets,
      coverageRule: { kind: 'any-certificate' },
      agencies: [
        { agencyId: 'BNG', nameVi: 'Bộ Ngoại giao', kind: 'ministry' },
        { agencyId: 'HN', nameVi: 'Thành phố Hà Nội', kind: 'province' },
      ],
      rosters: [roster('BNG', '2026-06-01', 10, 4), roster('BNG', '2027-01-01', 5, 4), roster('HN', '2027-01-01', 10, 2), roster('HN', '2027-09-01', 99, 99)],
      certificates,
      runs: [],
      feedback: [],
    });
    const bng = view.agencies.find((agency) => agency.agencyId === 'BNG');
    expect(bng).toMatchObject({ roster: { regular: 5, nonRegular: 4 }, trained: { regular: 1, nonRegular: 0 }, share: { regular: '0.2000' }, band: { regular: 'below' }, learnerTimes: 2, distinctPeople: 1 });
    expect(view.agencies.find((agency) => agency.agencyId === 'HN')).toMatchObject({ trained: { nonRegular: 1 }, share: { nonRegular: '0.5000' }, band: { nonRegular: 'above' } });
    expect(view.national).toMatchObject({ roster: { regular: 15, nonRegular: 6 }, trained: { regular: 1, nonRegular: 1 } });
    expect(view.byAgencyKind.ministries.trained.regular).toBe(1);
    expect(view.byAgencyKind.localities.trained.nonRegular).toBe(1);
    expect(view.phase?.id).toBeDefined();
  });
});
