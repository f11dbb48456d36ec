import { idempotencyStoreProvider } from '@training-ledger/service-runtime';

export const TRAINEE_REGISTRATION_IDEMPOTENCY_STORE = 'enrolment:trainee-registration-idempotency-store';

export const traineeRegistrationIdempotencyStoreProvider = idempotencyStoreProvider(
  TRAINEE_REGISTRATION_IDEMPOTENCY_STORE,
  'trainee_registration_idempotency_keys',
);
