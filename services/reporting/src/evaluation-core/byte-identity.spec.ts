import golden from './byte-identity.golden.json';
import { goldenCases, reportHashes } from './byte-identity.fixture';

describe('the evaluation folded as the archive streams gives the bytes the whole-archive evaluation gave', () => {
  it('hashes every report of 400 random logs and the review programme, under 1.0.0 and 2.0.0, as recorded before the fold', () => {
    const hashes = reportHashes(goldenCases());
    expect(Object.keys(hashes)).toHaveLength(401);
    expect(hashes).toEqual(golden);
  });
});
