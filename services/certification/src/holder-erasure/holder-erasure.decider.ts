import { assertNever, type Command, type Decider, type DomainEvent } from '@training-ledger/decider';

/** Enrolment erased the trainee's personal data: the event that said so, by its id. */
export type NoteHolderErasure = Command<'NoteHolderErasure', { traineeId: string; sourceEventId: string }>;

/** Private to certification: the holder's name in this service is unreadable from now on. */
export type HolderPersonalDataErased = DomainEvent<'HolderPersonalDataErased.v1', { traineeId: string; sourceEventId: string }>;

export interface HolderErasureState {
  readonly erased: boolean;
}

/** One stream per trainee who holds or may hold certificates, holding the erasure if there is one. */
export const holderErasureStreamName = (traineeId: string): string => `certificate-holder-${traineeId}`;

/** A trainee is erased once: a redelivered or repeated erasure records nothing. */
export const holderErasureDecider: Decider<NoteHolderErasure, HolderPersonalDataErased, HolderErasureState> = {
  initialState: () => ({ erased: false }),

  decide(command, state) {
    switch (command.type) {
      case 'NoteHolderErasure':
        return state.erased ? [] : [{ type: 'HolderPersonalDataErased.v1', data: { ...command.data }, metadata: command.metadata }];
      default:
        return assertNever(command.type, 'holder erasure command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'HolderPersonalDataErased.v1':
        return { erased: true };
      default:
        return assertNever(event.type, 'holder erasure event');
    }
  },
};
