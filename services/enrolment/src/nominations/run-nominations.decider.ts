import { assertNever, type Decider } from '@training-ledger/decider';
import { approveNomination, cancelRunNominations, rejectNomination, waitlistNomination, withdrawNomination } from './run-nominations.decisions';
import { evolveRunNominations, type RunNominationsCommand, type RunNominationsEvent, type RunNominationsState } from './run-nominations.state';
import { submitNomination } from './run-nominations.submission';

export const runNominationsDecider: Decider<RunNominationsCommand, RunNominationsEvent, RunNominationsState> = {
  initialState: () => ({ runId: null, nominations: [], waitlistedSoFar: 0, runCancelled: false }),

  decide(command, state) {
    switch (command.type) {
      case 'SubmitNomination':
        return submitNomination(command, state);
      case 'ApproveNomination':
        return approveNomination(command, state);
      case 'RejectNomination':
        return rejectNomination(command, state);
      case 'WaitlistNomination':
        return waitlistNomination(command, state);
      case 'WithdrawNomination':
        return withdrawNomination(command, state);
      case 'CancelRunNominations':
        return cancelRunNominations(command, state);
      default:
        return assertNever(command, 'run nominations command');
    }
  },

  evolve: evolveRunNominations,
};
