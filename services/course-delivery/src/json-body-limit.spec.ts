import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AttendanceMarkDto, MAX_MARKS_PER_REQUEST } from './attendance/attendance-requests.dto';
import { COURSE_DELIVERY_JSON_BODY_LIMIT } from './json-body-limit';

describe('the largest body course delivery reads', () => {
  const mark = (idLength: number) => {
    const id = 'x'.repeat(idLength);
    return { recordId: id, traineeId: id, sessionId: id, status: 'excused', observedAt: '2027-05-10T08:05:00.123456789+07:00' };
  };

  it('holds a posting of the most marks, every id at its longest', () => {
    expect(validateSync(plainToInstance(AttendanceMarkDto, mark(128)))).toEqual([]);
    expect(validateSync(plainToInstance(AttendanceMarkDto, mark(129)))).not.toEqual([]);
    const bytes = Buffer.byteLength(JSON.stringify({ marks: Array.from({ length: MAX_MARKS_PER_REQUEST }, () => mark(128)) }));
    expect(bytes).toBe(2_500_011);
    expect(bytes).toBeLessThanOrEqual(COURSE_DELIVERY_JSON_BODY_LIMIT);
  });
});
