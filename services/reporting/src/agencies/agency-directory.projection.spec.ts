import { globalPosition } from '@training-ledger/event-store';
import { applyUpdate, type ProjectableEvent } from '@training-ledger/read-models';
import { agencyDirectoryProjection, type AgencyDirectoryEvents } from './agency-directory.projection';

type Fact = { [Type in keyof AgencyDirectoryEvents]: { type: Type; data: AgencyDirectoryEvents[Type] } }[keyof AgencyDirectoryEvents];

function projected(facts: readonly Fact[]): Record<string, unknown> | undefined {
  let document: Record<string, unknown> | undefined;
  facts.forEach((fact, index) => {
    const projectable: ProjectableEvent = {
      eventId: `e${index}`,
      type: fact.type,
      data: fact.data,
      metadata: {
        correlationId: 'c',
        causationId: null,
        actor: { id: 'admin', roles: ['programme-admin'] },
        occurredAt: `2027-0${index + 1}-01T01:00:00.000Z`,
        recordedAt: `2027-0${index + 1}-01T01:00:00.000Z`,
      },
      source: { service: 'enrolment', streamName: 'agency-SNV-HN', streamPosition: BigInt(index) },
      feedPosition: { kind: 'event-log', globalPosition: globalPosition(1n, BigInt(index)) },
    };
    for (const operation of agencyDirectoryProjection.operationsFor(projectable)) {
      document = applyUpdate(document ?? { _id: operation.id }, { ...operation.update }, document === undefined);
    }
  });
  return document;
}

describe('the agency directory read model', () => {
  it('keeps the code and both names folded for search, and folds the new names after a rename', () => {
    const registered: Fact = {
      type: 'AgencyRegistered.v1',
      data: { agencyId: 'SNV-HN', code: 'SNV-HN', nameVi: 'Sở Nội vụ Hà Nội', nameEn: 'Ha Noi Department of Home Affairs', kind: 'province', parentAgencyId: null },
    };
    expect(projected([registered])).toMatchObject({ nameSearchKey: 'snv-hn so noi vu ha noi ha noi department of home affairs', renameCount: 0 });
    const renamed: Fact = { type: 'AgencyRenamed.v1', data: { agencyId: 'SNV-HN', nameVi: 'Sở Nội vụ thành phố Hà Nội', nameEn: 'Ha Noi City Department of Home Affairs' } };
    expect(projected([registered, renamed])).toMatchObject({
      nameVi: 'Sở Nội vụ thành phố Hà Nội',
      nameSearchKey: 'snv-hn so noi vu thanh pho ha noi ha noi city department of home affairs',
      renameCount: 1,
    });
  });
});
