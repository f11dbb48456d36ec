import { idempotencyStoreProvider } from '@training-ledger/service-runtime';

export const ATTENDANCE_IDEMPOTENCY_STORE = 'course-delivery:attendance-idempotency-store';

export const attendanceIdempotencyStoreProvider = idempotencyStoreProvider(ATTENDANCE_IDEMPOTENCY_STORE, 'attendance_idempotency_keys');
