import { MongoIdempotencyStore } from '@training-ledger/platform';
import { MONGO_CONNECTION } from '@training-ledger/service-runtime';
import type { Connection } from 'mongoose';

export const ATTENDANCE_IDEMPOTENCY_STORE = 'course-delivery:attendance-idempotency-store';

export const attendanceIdempotencyStoreProvider = {
  provide: ATTENDANCE_IDEMPOTENCY_STORE,
  inject: [MONGO_CONNECTION],
  useFactory: async (connection: Connection) => {
    const store = new MongoIdempotencyStore(connection, { collection: 'attendance_idempotency_keys' });
    await store.ensureIndexes();
    return store;
  },
};
