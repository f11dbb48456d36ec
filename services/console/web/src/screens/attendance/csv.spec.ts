/// <reference types="jest" />
import { gridToTable, statusOfWord, tableToMarks, TRAINEE_COLUMN } from './csv';

const known = { sessionIds: ['S1', 'S2'], traineeIds: ['T1', 'T2', 'T3'] };

describe('the attendance spreadsheet', () => {
  it('writes one row per trainee and one column per session, empty where nothing is recorded', () => {
    const recorded = new Map([['S1/T1', 'present'], ['S2/T2', 'excused']] as const);
    expect(gridToTable(['S1', 'S2'], ['T1', 'T2'], (sessionId, traineeId) => recorded.get(`${sessionId}/${traineeId}` as 'S1/T1'))).toEqual([
      [TRAINEE_COLUMN, 'S1', 'S2'],
      ['T1', 'present', ''],
      ['T2', '', 'excused'],
    ]);
  });

  it('reads back what it writes', () => {
    const table = gridToTable(['S1', 'S2'], ['T1', 'T2'], (sessionId) => (sessionId === 'S1' ? 'late' : 'absent'));
    expect(tableToMarks(table, known)).toEqual({
      marks: [
        { line: 2, sessionId: 'S1', traineeId: 'T1', status: 'late' },
        { line: 2, sessionId: 'S2', traineeId: 'T1', status: 'absent' },
        { line: 3, sessionId: 'S1', traineeId: 'T2', status: 'late' },
        { line: 3, sessionId: 'S2', traineeId: 'T2', status: 'absent' },
      ],
      malformed: [],
    });
  });

  it('takes the Vietnamese labels as well as the codes', () => {
    expect(['Có mặt', ' đi muộn ', 'VẮNG', 'vắng có phép', 'excused'].map(statusOfWord)).toEqual(['present', 'late', 'absent', 'excused', 'excused']);
    expect(statusOfWord('maybe')).toBeNull();
  });

  it('names each malformed row and keeps the marks of the others', () => {
    const rows = [
      [TRAINEE_COLUMN, 'S1', 'S2'],
      ['T1', 'present', ''],
      ['T9', 'present', 'present'],
      ['T2', 'present'],
      [''],
      ['T3', 'present', 'asleep'],
      ['T1', 'absent', 'absent'],
      ['T2', '', 'có mặt'],
    ];
    expect(tableToMarks(rows, known)).toEqual({
      marks: [
        { line: 2, sessionId: 'S1', traineeId: 'T1', status: 'present' },
        { line: 8, sessionId: 'S2', traineeId: 'T2', status: 'present' },
      ],
      malformed: [
        { line: 3, reason: 'unknown-trainee', detail: 'T9' },
        { line: 4, reason: 'cell-count', detail: '2/3' },
        { line: 6, reason: 'unknown-status', detail: 'S2: asleep' },
        { line: 7, reason: 'repeated-trainee', detail: 'T1' },
      ],
    });
  });

  it('refuses a table whose header names a session the run does not have', () => {
    expect(tableToMarks([[TRAINEE_COLUMN, 'S1', 'S7'], ['T1', 'present', 'present']], known)).toEqual({
      marks: [],
      malformed: [{ line: 1, reason: 'header', detail: 'S7' }],
    });
    expect(tableToMarks([], known).malformed).toEqual([{ line: 1, reason: 'header', detail: '' }]);
  });
});
