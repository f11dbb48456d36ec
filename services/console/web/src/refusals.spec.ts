import { refusalLine, ruleText } from './refusals';

describe('refusals in the reader language', () => {
  it('names a known rule in Vietnamese, and keeps the service words in English', () => {
    expect(ruleText('run-capacity-reached', 'Run R1 is full', 'vi')).toBe('Lớp đã đủ sĩ số');
    expect(ruleText('run-capacity-reached', 'Run R1 is full', 'en')).toBe('Run R1 is full');
  });

  it('falls back to the service words for a rule it does not know', () => {
    expect(ruleText('policy-content-valid', 'targets must add up', 'vi')).toBe('targets must add up');
  });

  it('writes a problem as status, reason and field', () => {
    expect(refusalLine({ title: 'Unprocessable Entity', detail: 'x', rule: 'score-within-max', field: 'score' }, 422)).toMatch(/^422 .+ \(score\)$/);
    expect(refusalLine({ title: 'Conflict' }, 409)).toBe('409 Conflict');
    expect(refusalLine(undefined, 502)).toBe('HTTP 502');
  });
});
