import { createValidationPipe } from '@training-ledger/platform';
import { RegisterTraineeDto } from './trainee-requests.dto';

const registration = {
  targetGroup: 'regular',
  rank: 'specialist',
  leadership: false,
  sector: null,
  fullName: 'Nguyễn Thị Lan',
  dateOfBirth: '1990-04-12',
  staffNumber: 'BTP-004512',
};

const read = (body: Record<string, unknown>) =>
  createValidationPipe().transform(body, { type: 'body', metatype: RegisterTraineeDto }) as Promise<RegisterTraineeDto>;

describe('a trainee registration at the boundary', () => {
  it('takes a registration without an id, for the service to choose one', async () => {
    await expect(read(registration)).resolves.toMatchObject({ staffNumber: 'BTP-004512' });
  });

  it('refuses a null id naming the field, rather than failing on it later (found by fuzzing: it answered 500)', async () => {
    await expect(read({ ...registration, traineeId: null })).rejects.toMatchObject({
      problem: { status: 400, errors: [expect.objectContaining({ field: 'traineeId' })] },
    });
  });
});
