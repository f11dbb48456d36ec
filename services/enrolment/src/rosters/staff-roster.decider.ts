import type { Rank } from '@training-ledger/contracts';
import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
} from '@training-ledger/decider';

export interface RankHeadcount {
  readonly rank: Rank;
  readonly regular: number;
  readonly nonRegular: number;
}

/**
 * An agency's count of regular (trực tiếp, thường xuyên) and non-regular (không thường xuyên) staff
 * as of a date: the denominator of every "share trained" target.
 */
export interface StaffRosterDeclaration {
  readonly agencyId: string;
  readonly declarationId: string;
  /** YYYY-MM-DD */
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
  /** Empty when the agency declares totals only. */
  readonly byRank: readonly RankHeadcount[];
}

export type DeclareStaffRoster = Command<'DeclareStaffRoster', StaffRosterDeclaration>;
export type StaffRosterCommand = DeclareStaffRoster;

export type StaffRosterDeclared = DomainEvent<'StaffRosterDeclared.v1', StaffRosterDeclaration>;
export type StaffRosterEvent = StaffRosterDeclared;

export interface StaffRosterState {
  /** Ordered by asOf, oldest first. */
  readonly declarations: readonly StaffRosterDeclaration[];
}

export const staffRosterStreamName = (agencyId: string): string => `roster-${agencyId}`;

export const staffRosterDecider: Decider<StaffRosterCommand, StaffRosterEvent, StaffRosterState> = {
  initialState: () => ({ declarations: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'DeclareStaffRoster':
        return declareStaffRoster(command, state);
      default:
        return assertNever(command.type, 'staff roster command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'StaffRosterDeclared.v1':
        return { declarations: insertByAsOf(state.declarations, event.data) };
      default:
        return assertNever(event.type, 'staff roster event');
    }
  },
};

/** The declaration in force on `date`: the latest one whose as-of date is not after it, or null. */
export function rosterAsOf(state: StaffRosterState, date: string): StaffRosterDeclaration | null {
  let inForce: StaffRosterDeclaration | null = null;
  for (const declaration of state.declarations) {
    if (declaration.asOf > date) break;
    inForce = declaration;
  }
  return inForce;
}

function declareStaffRoster(command: DeclareStaffRoster, state: StaffRosterState): StaffRosterEvent[] {
  const declaration = command.data;
  const sameId = state.declarations.find((earlier) => earlier.declarationId === declaration.declarationId);
  if (sameId && sameDeclaration(sameId, declaration)) return [];
  if (state.declarations.some((earlier) => earlier.asOf === declaration.asOf)) {
    // Declarations are never edited: a correction is a declaration as of a later date.
    throw new DomainRuleViolation(
      'roster-declared-once-per-date',
      `Agency ${declaration.agencyId} already declared its roster as of ${declaration.asOf}`,
      'asOf',
      'conflict',
    );
  }
  if (sameId) {
    throw new DomainRuleViolation(
      'declaration-id-used-once',
      `Declaration ${declaration.declarationId} was already recorded with other figures`,
      'declarationId',
      'conflict',
    );
  }
  requireHeadcount(declaration.regular, 'regular');
  requireHeadcount(declaration.nonRegular, 'nonRegular');
  requireConsistentRankBreakdown(declaration);
  return [{ type: 'StaffRosterDeclared.v1', data: declaration, metadata: command.metadata }];
}

function requireHeadcount(count: number, field: string): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new DomainRuleViolation(
      'headcount-is-whole-number',
      `${field} must be a whole number of staff, 0 or more`,
      field,
    );
  }
}

function requireConsistentRankBreakdown(declaration: StaffRosterDeclaration): void {
  const { byRank } = declaration;
  if (byRank.length === 0) return;
  for (const line of byRank) {
    requireHeadcount(line.regular, 'byRank');
    requireHeadcount(line.nonRegular, 'byRank');
  }
  if (new Set(byRank.map((line) => line.rank)).size !== byRank.length) {
    throw new DomainRuleViolation('rank-listed-once', 'Each rank appears at most once in the breakdown', 'byRank');
  }
  const regular = byRank.reduce((sum, line) => sum + line.regular, 0);
  const nonRegular = byRank.reduce((sum, line) => sum + line.nonRegular, 0);
  if (regular !== declaration.regular || nonRegular !== declaration.nonRegular) {
    throw new DomainRuleViolation(
      'rank-breakdown-adds-up',
      `The breakdown by rank adds up to ${regular} regular and ${nonRegular} non-regular staff, ` +
        `not ${declaration.regular} and ${declaration.nonRegular}`,
      'byRank',
    );
  }
}

function insertByAsOf(
  declarations: readonly StaffRosterDeclaration[],
  declaration: StaffRosterDeclaration,
): readonly StaffRosterDeclaration[] {
  const laterIndex = declarations.findIndex((existing) => existing.asOf > declaration.asOf);
  if (laterIndex === -1) return [...declarations, declaration];
  return [...declarations.slice(0, laterIndex), declaration, ...declarations.slice(laterIndex)];
}

function sameDeclaration(left: StaffRosterDeclaration, right: StaffRosterDeclaration): boolean {
  return (
    left.agencyId === right.agencyId &&
    left.declarationId === right.declarationId &&
    left.asOf === right.asOf &&
    left.regular === right.regular &&
    left.nonRegular === right.nonRegular &&
    left.byRank.length === right.byRank.length &&
    left.byRank.every((line) =>
      right.byRank.some(
        (other) => other.rank === line.rank && other.regular === line.regular && other.nonRegular === line.nonRegular,
      ),
    )
  );
}
