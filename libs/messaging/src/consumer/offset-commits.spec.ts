import { DeferredCommits, type PartitionOffset } from './offset-commits';

describe('DeferredCommits', () => {
  it('counts a partition again from what a commit covered, when more was settled while it was on its way', async () => {
    const commits = new DeferredCommits({ everyMs: 60_000, everyMessages: 100 }, (error) => {
      throw error;
    });
    const sent: PartitionOffset[][] = [];
    let land: () => void = () => undefined;
    const commit = (offsets: PartitionOffset[]) => {
      sent.push(offsets);
      return new Promise<void>((resolve) => (land = resolve));
    };
    const generation = commits.currentGeneration;
    expect(commits.settled(generation, 'marks', 0, '99', 100)).toBe(true);
    const first = commits.commitNow(commit);
    await Promise.resolve();
    expect(commits.settled(generation, 'marks', 0, '109', 10)).toBe(true);
    land();
    await first;
    // 10 settled since the commit of offset 100: not due by count until 90 more.
    expect(commits.settled(generation, 'marks', 0, '189', 80)).toBe(false);
    expect(commits.settled(generation, 'marks', 0, '199', 10)).toBe(true);
    expect(sent).toEqual([[{ topic: 'marks', partition: 0, offset: '100' }]]);
  });

  it('leaves nothing due once everything settled is committed, and ignores what a former membership settled', async () => {
    const commits = new DeferredCommits({ everyMs: 0, everyMessages: 100 }, (error) => {
      throw error;
    });
    const sent: PartitionOffset[][] = [];
    const generation = commits.currentGeneration;
    commits.settled(generation, 'marks', 1, '5', 6);
    await commits.commitIfDue(async (offsets) => void sent.push(offsets));
    expect(commits.hasDue).toBe(false);
    commits.forgetAll();
    commits.settled(generation, 'marks', 1, '9', 4);
    expect(commits.hasDue).toBe(false);
    expect(sent).toEqual([[{ topic: 'marks', partition: 1, offset: '6' }]]);
  });
});
