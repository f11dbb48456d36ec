import { idempotencyStoreProvider } from '@training-ledger/service-runtime';

export const ATTENDANCE_IDEMPOTENCY_STORE = 'course-delivery:attendance-idempotency-store';

export const attendanceIdempotencyStoreProvider = idempotencyStoreProvider(ATTENDANCE_IDEMPOTENCY_STORE, 'attendance_idempotency_keys');

export const ATTENDANCE_CORRECTION_IDEMPOTENCY_STORE = 'course-delivery:attendance-correction-idempotency-store';

export const attendanceCorrectionIdempotencyStoreProvider = idempotencyStoreProvider(
  ATTENDANCE_CORRECTION_IDEMPOTENCY_STORE,
  'attendance_correction_idempotency_keys',
);

export const ASSESSMENT_IDEMPOTENCY_STORE = 'course-delivery:assessment-idempotency-store';

export const assessmentIdempotencyStoreProvider = idempotencyStoreProvider(ASSESSMENT_IDEMPOTENCY_STORE, 'assessment_idempotency_keys');
