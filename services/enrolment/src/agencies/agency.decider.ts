import type { AgencyKind } from '@training-ledger/contracts';
import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  DomainRuleViolation,
} from '@training-ledger/decider';

export interface AgencyProfile {
  readonly agencyId: string;
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly kind: AgencyKind;
  /** The province a commune-level unit belongs to; null for every other kind. */
  readonly parentAgencyId: string | null;
}

export type RegisterAgency = Command<'RegisterAgency', AgencyProfile>;
export type RenameAgency = Command<'RenameAgency', { agencyId: string; nameVi: string; nameEn: string }>;
export type AgencyCommand = RegisterAgency | RenameAgency;

export type AgencyRegistered = DomainEvent<'AgencyRegistered.v1', AgencyProfile>;
export type AgencyRenamed = DomainEvent<'AgencyRenamed.v1', { agencyId: string; nameVi: string; nameEn: string }>;
export type AgencyEvent = AgencyRegistered | AgencyRenamed;

export type AgencyState =
  | { readonly status: 'unknown' }
  | { readonly status: 'registered'; readonly profile: AgencyProfile };

export const agencyStreamName = (agencyId: string): string => `agency-${agencyId}`;

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, AgencyState> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterAgency': {
        const profile = command.data;
        if (state.status === 'registered') {
          if (sameProfile(state.profile, profile)) return [];
          throw new DomainRuleViolation(
            'agency-registered-once',
            `Agency ${profile.agencyId} is already registered`,
            'agencyId',
            'conflict',
          );
        }
        if (profile.kind === 'commune' && !profile.parentAgencyId) {
          throw new DomainRuleViolation(
            'commune-belongs-to-province',
            'A commune-level unit must name the province it belongs to',
            'parentAgencyId',
          );
        }
        if (profile.kind !== 'commune' && profile.parentAgencyId) {
          throw new DomainRuleViolation(
            'only-communes-have-a-parent',
            'Only a commune-level unit has a parent agency',
            'parentAgencyId',
          );
        }
        return [{ type: 'AgencyRegistered.v1', data: profile, metadata: command.metadata }];
      }
      case 'RenameAgency': {
        if (state.status !== 'registered') {
          throw new DomainRuleViolation(
            'agency-must-exist',
            `Agency ${command.data.agencyId} is not registered`,
            'agencyId',
            'not-found',
          );
        }
        const { nameVi, nameEn } = command.data;
        if (state.profile.nameVi === nameVi && state.profile.nameEn === nameEn) return [];
        return [{ type: 'AgencyRenamed.v1', data: command.data, metadata: command.metadata }];
      }
      default:
        return assertNever(command, 'agency command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AgencyRegistered.v1':
        return { status: 'registered', profile: event.data };
      case 'AgencyRenamed.v1':
        return state.status === 'registered'
          ? { status: 'registered', profile: { ...state.profile, nameVi: event.data.nameVi, nameEn: event.data.nameEn } }
          : state;
      default:
        return assertNever(event, 'agency event');
    }
  },
};

function sameProfile(left: AgencyProfile, right: AgencyProfile): boolean {
  return (
    left.agencyId === right.agencyId &&
    left.code === right.code &&
    left.nameVi === right.nameVi &&
    left.nameEn === right.nameEn &&
    left.kind === right.kind &&
    left.parentAgencyId === right.parentAgencyId
  );
}
