import { MongoIdempotencyStore } from '@training-ledger/platform';
import { MONGO_CONNECTION } from '@training-ledger/service-runtime';
import type { Connection } from 'mongoose';

export const NOMINATION_IDEMPOTENCY_STORE = 'enrolment:nomination-idempotency-store';

export const nominationIdempotencyStoreProvider = {
  provide: NOMINATION_IDEMPOTENCY_STORE,
  inject: [MONGO_CONNECTION],
  useFactory: async (connection: Connection) => {
    const store = new MongoIdempotencyStore(connection, { collection: 'nomination_idempotency_keys' });
    await store.ensureIndexes();
    return store;
  },
};

export const NOMINATION_DECISION_IDEMPOTENCY_STORE = 'enrolment:nomination-decision-idempotency-store';

export const nominationDecisionIdempotencyStoreProvider = {
  provide: NOMINATION_DECISION_IDEMPOTENCY_STORE,
  inject: [MONGO_CONNECTION],
  useFactory: async (connection: Connection) => {
    const store = new MongoIdempotencyStore(connection, { collection: 'nomination_decision_idempotency_keys' });
    await store.ensureIndexes();
    return store;
  },
};
