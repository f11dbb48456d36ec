import { fold, given, type MessageMetadata } from '@training-ledger/decider';
import {
  rosterAsOf,
  staffRosterDecider,
  type StaffRosterDeclaration,
  type StaffRosterEvent,
} from './staff-roster.decider';

const metadata: MessageMetadata = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000101',
  actor: { id: 'hanoi-hr-system', roles: ['agency-integration'], agencyId: 'HN' },
  occurredAt: '2027-01-10T08:00:00.000Z',
};

const hanoiEndOf2026: StaffRosterDeclaration = {
  agencyId: 'HN',
  declarationId: 'HN-2026-12-31',
  asOf: '2026-12-31',
  regular: 120,
  nonRegular: 480,
  byRank: [
    { rank: 'director-general', regular: 5, nonRegular: 10 },
    { rank: 'deputy-director-general', regular: 10, nonRegular: 20 },
    { rank: 'division-level', regular: 25, nonRegular: 90 },
    { rank: 'specialist', regular: 80, nonRegular: 360 },
  ],
};

const hanoiEndOf2027: StaffRosterDeclaration = {
  agencyId: 'HN',
  declarationId: 'HN-2027-12-31',
  asOf: '2027-12-31',
  regular: 130,
  nonRegular: 470,
  byRank: [],
};

const declared = (declaration: StaffRosterDeclaration): StaffRosterEvent => ({
  type: 'StaffRosterDeclared.v1',
  data: declaration,
  metadata,
});

const declare = (declaration: StaffRosterDeclaration) =>
  ({ type: 'DeclareStaffRoster', data: declaration, metadata }) as const;

describe('Staff roster (danh sách cán bộ): the denominator of every target', () => {
  it('records a declaration of regular and non-regular staff with its breakdown by rank', () => {
    expect(given(staffRosterDecider).when(declare(hanoiEndOf2026))).toEqual({ events: [declared(hanoiEndOf2026)] });
  });

  it('accepts totals without a breakdown by rank', () => {
    expect(given(staffRosterDecider).when(declare(hanoiEndOf2027))).toEqual({ events: [declared(hanoiEndOf2027)] });
  });

  it('treats the same declaration sent again as already recorded', () => {
    const reordered = { ...hanoiEndOf2026, byRank: [...hanoiEndOf2026.byRank].reverse() };
    expect(given(staffRosterDecider, [declared(hanoiEndOf2026)]).when(declare(reordered))).toEqual({ events: [] });
  });

  it('refuses a second, different declaration as of the same date: a correction is a later declaration', () => {
    expect(
      given(staffRosterDecider, [declared(hanoiEndOf2026)]).when(
        declare({ ...hanoiEndOf2026, declarationId: 'HN-2026-12-31-bis', regular: 121, byRank: [] }),
      ),
    ).toEqual({ violation: { rule: 'roster-declared-once-per-date', field: 'asOf', kind: 'conflict' } });
  });

  it('refuses a declaration id reused for other figures', () => {
    expect(
      given(staffRosterDecider, [declared(hanoiEndOf2026)]).when(
        declare({ ...hanoiEndOf2027, declarationId: hanoiEndOf2026.declarationId }),
      ),
    ).toEqual({ violation: { rule: 'declaration-id-used-once', field: 'declarationId', kind: 'conflict' } });
  });

  it('accepts a late declaration of an earlier date', () => {
    const midYear = { ...hanoiEndOf2027, declarationId: 'HN-2027-06-30', asOf: '2027-06-30', regular: 125 };
    const history = [declared(hanoiEndOf2026), declared(hanoiEndOf2027)];
    expect(given(staffRosterDecider, history).when(declare(midYear))).toEqual({ events: [declared(midYear)] });
  });

  it.each([
    ['regular', -1],
    ['regular', 12.5],
    ['nonRegular', -3],
    ['nonRegular', Number.NaN],
  ])('requires %s to be a whole number of staff, not %p', (field, count) => {
    expect(given(staffRosterDecider).when(declare({ ...hanoiEndOf2027, [field]: count }))).toEqual({
      violation: { rule: 'headcount-is-whole-number', field, kind: 'invalid' },
    });
  });

  it('requires every figure of the breakdown by rank to be a whole number of staff', () => {
    const byRank = [
      { rank: 'specialist' as const, regular: 131, nonRegular: 470 },
      { rank: 'other' as const, regular: -1, nonRegular: 0 },
    ];
    expect(given(staffRosterDecider).when(declare({ ...hanoiEndOf2027, byRank }))).toEqual({
      violation: { rule: 'headcount-is-whole-number', field: 'byRank', kind: 'invalid' },
    });
  });

  it('requires the breakdown by rank to add up to the regular total', () => {
    expect(given(staffRosterDecider).when(declare({ ...hanoiEndOf2026, regular: 119 }))).toEqual({
      violation: { rule: 'rank-breakdown-adds-up', field: 'byRank', kind: 'invalid' },
    });
  });

  it('requires the breakdown by rank to add up to the non-regular total', () => {
    expect(given(staffRosterDecider).when(declare({ ...hanoiEndOf2026, nonRegular: 481 }))).toEqual({
      violation: { rule: 'rank-breakdown-adds-up', field: 'byRank', kind: 'invalid' },
    });
  });

  it('refuses a breakdown that lists a rank twice', () => {
    const byRank = [
      { rank: 'specialist' as const, regular: 100, nonRegular: 400 },
      { rank: 'specialist' as const, regular: 30, nonRegular: 70 },
    ];
    expect(given(staffRosterDecider).when(declare({ ...hanoiEndOf2027, byRank }))).toEqual({
      violation: { rule: 'rank-listed-once', field: 'byRank', kind: 'invalid' },
    });
  });
});

describe('Staff roster in force on a date (số cán bộ tại thời điểm)', () => {
  const hanoiMid2027 = { ...hanoiEndOf2027, declarationId: 'HN-2027-06-30', asOf: '2027-06-30', regular: 125 };
  // Mid-2027 was declared late, after end of 2027: the history is ordered by as-of date, not by arrival.
  const history = fold(staffRosterDecider, [
    declared(hanoiEndOf2026),
    declared(hanoiEndOf2027),
    declared(hanoiMid2027),
  ]);

  it('knows no roster before the first declaration', () => {
    expect(rosterAsOf(history, '2026-12-30')).toBeNull();
  });

  it('takes a declaration as in force from its own as-of date', () => {
    expect(rosterAsOf(history, '2026-12-31')).toEqual(hanoiEndOf2026);
  });

  it('keeps a declaration in force until a later one supersedes it', () => {
    expect(rosterAsOf(history, '2027-06-29')).toEqual(hanoiEndOf2026);
  });

  it('finds a late declaration of history where it belongs', () => {
    expect(rosterAsOf(history, '2027-12-30')).toEqual(hanoiMid2027);
  });

  it('answers what was declared as of 2028-12-31 with the latest declaration before it', () => {
    expect(rosterAsOf(history, '2028-12-31')).toEqual(hanoiEndOf2027);
  });
});
