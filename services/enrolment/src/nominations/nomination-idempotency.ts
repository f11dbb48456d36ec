import { idempotencyStoreProvider } from '@training-ledger/service-runtime';

export const NOMINATION_IDEMPOTENCY_STORE = 'enrolment:nomination-idempotency-store';

export const nominationIdempotencyStoreProvider = idempotencyStoreProvider(NOMINATION_IDEMPOTENCY_STORE, 'nomination_idempotency_keys');

export const NOMINATION_DECISION_IDEMPOTENCY_STORE = 'enrolment:nomination-decision-idempotency-store';

export const nominationDecisionIdempotencyStoreProvider = idempotencyStoreProvider(
  NOMINATION_DECISION_IDEMPOTENCY_STORE,
  'nomination_decision_idempotency_keys',
);
