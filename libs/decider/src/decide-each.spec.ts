import { decideEach } from './decide-each';
import type { Decider } from './decider';
import { DomainRuleViolation } from './domain-rule-violation';
import type { Command, DomainEvent, MessageMetadata } from './message';

type Take = Command<'Take', { seat: number }>;
type Taken = DomainEvent<'Taken.v1', { seat: number }>;
const metadata: MessageMetadata = { correlationId: 'c', actor: { id: 'a', roles: [] }, occurredAt: '2027-01-01T00:00:00.000Z' };

const seats: Decider<Take, Taken, readonly number[]> = {
  initialState: () => [],
  decide: (command, taken) => {
    if (taken.includes(command.data.seat)) throw new DomainRuleViolation('seat-free', 'taken', 'seat', 'conflict');
    return [{ type: 'Taken.v1', data: command.data, metadata }];
  },
  evolve: (taken, event) => [...taken, event.data.seat],
};

const take = (seat: number): Take => ({ type: 'Take', data: { seat }, metadata });

describe('deciding several commands against one stream', () => {
  it('lets each command see what the ones before it decided, and refuses only the one that breaks a rule', () => {
    const result = decideEach(seats, [1], [take(2), take(2), take(1), take(3)]);
    expect(result.state).toEqual([1, 2, 3]);
    expect(result.events.map((event) => event.data.seat)).toEqual([2, 3]);
    expect(result.outcomes.map((outcome) => (outcome.accepted ? 'ok' : outcome.violation.rule))).toEqual([
      'ok',
      'seat-free',
      'seat-free',
      'ok',
    ]);
  });

  it('lets errors that are not rule violations through', () => {
    const broken = { ...seats, decide: () => { throw new Error('bug'); } };
    expect(() => decideEach(broken, [], [take(1)])).toThrow('bug');
  });
});
