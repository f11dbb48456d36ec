import { printedCell } from './number-formats';

describe('printedCell', () => {
  it('prints a table cell by its column format: shares as percentages, decimals to one place, counts grouped', () => {
    expect(printedCell('share', '0.3500')).toBe('35,00%');
    expect(printedCell('decimal', '117.1667')).toBe('117,2');
    expect(printedCell(undefined, 7030)).toBe('7.030');
    expect(printedCell(undefined, 'Toàn quốc')).toBe('Toàn quốc');
    expect(printedCell('decimal', null)).toBe('—');
  });
});
