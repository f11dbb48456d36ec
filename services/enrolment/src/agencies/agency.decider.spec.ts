import { given, type MessageMetadata } from '@training-ledger/decider';
import { agencyDecider, type AgencyEvent, type AgencyProfile } from './agency.decider';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  actor: { id: 'mofa-programme-office', roles: ['programme-admin'] },
  occurredAt: '2026-06-01T08:00:00.000Z',
};

const ministryOfHomeAffairs: AgencyProfile = {
  agencyId: 'BNV',
  code: 'BNV',
  nameVi: 'Bộ Nội vụ',
  nameEn: 'Ministry of Home Affairs',
  kind: 'ministry',
  parentAgencyId: null,
};

const registered: AgencyEvent = { type: 'AgencyRegistered.v1', data: ministryOfHomeAffairs, metadata };

describe('Agency (cơ quan): registration and renaming', () => {
  it('registers a ministry that is not yet known', () => {
    expect(given(agencyDecider).when({ type: 'RegisterAgency', data: ministryOfHomeAffairs, metadata })).toEqual({
      events: [registered],
    });
  });

  it('treats the same registration sent again as already done', () => {
    expect(
      given(agencyDecider, [registered]).when({ type: 'RegisterAgency', data: ministryOfHomeAffairs, metadata }),
    ).toEqual({ events: [] });
  });

  it('refuses a second, different registration under the same id', () => {
    expect(
      given(agencyDecider, [registered]).when({
        type: 'RegisterAgency',
        data: { ...ministryOfHomeAffairs, nameEn: 'Another name' },
        metadata,
      }),
    ).toEqual({ violation: { rule: 'agency-registered-once', field: 'agencyId', kind: 'conflict' } });
  });

  it('requires a commune-level unit (cấp xã) to name its province', () => {
    expect(
      given(agencyDecider).when({
        type: 'RegisterAgency',
        data: { ...ministryOfHomeAffairs, agencyId: 'X-1', kind: 'commune', parentAgencyId: null },
        metadata,
      }),
    ).toEqual({ violation: { rule: 'commune-belongs-to-province', field: 'parentAgencyId', kind: 'invalid' } });
  });

  it('refuses a parent for anything but a commune-level unit', () => {
    expect(
      given(agencyDecider).when({
        type: 'RegisterAgency',
        data: { ...ministryOfHomeAffairs, parentAgencyId: 'HN' },
        metadata,
      }),
    ).toEqual({ violation: { rule: 'only-communes-have-a-parent', field: 'parentAgencyId', kind: 'invalid' } });
  });

  it('renames a registered agency', () => {
    const rename = { agencyId: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs of Viet Nam' };
    expect(given(agencyDecider, [registered]).when({ type: 'RenameAgency', data: rename, metadata })).toEqual({
      events: [{ type: 'AgencyRenamed.v1', data: rename, metadata }],
    });
  });

  it('records nothing when the new names equal the current ones', () => {
    const rename = { agencyId: 'BNV', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs' };
    expect(given(agencyDecider, [registered]).when({ type: 'RenameAgency', data: rename, metadata })).toEqual({
      events: [],
    });
  });

  it('cannot rename an agency that was never registered', () => {
    expect(
      given(agencyDecider).when({
        type: 'RenameAgency',
        data: { agencyId: 'BNV', nameVi: 'x', nameEn: 'y' },
        metadata,
      }),
    ).toEqual({ violation: { rule: 'agency-must-exist', field: 'agencyId', kind: 'not-found' } });
  });
});
