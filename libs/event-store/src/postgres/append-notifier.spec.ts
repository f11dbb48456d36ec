import { AppendNotifier } from './append-notifier';

describe('AppendNotifier', () => {
  let sent: number[];
  let resolveSend: Array<() => void>;
  const send = (): Promise<void> => {
    sent.push(Date.now());
    return new Promise((resolve) => resolveSend.push(resolve));
  };
  const settle = async (): Promise<void> => {
    for (const resolve of resolveSend.splice(0)) resolve();
    await jest.advanceTimersByTimeAsync(0);
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    sent = [];
    resolveSend = [];
  });

  afterEach(() => jest.useRealTimers());

  it('announces the first append at once, and the rest of a burst once, at the end of the interval', async () => {
    const notifier = new AppendNotifier(send, 50);
    notifier.appended(['AttendanceRecorded.v1']);
    expect(sent).toEqual([0]);
    await settle();
    for (let append = 0; append < 10; append += 1) {
      await jest.advanceTimersByTimeAsync(2);
      notifier.appended(['AttendanceRecorded.v1']);
    }
    expect(sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(30);
    expect(sent).toEqual([0, 50]);
    await settle();
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([0, 50]);
  });

  it('follows an append made while a notification is on its way with another one', async () => {
    const notifier = new AppendNotifier(send, 50);
    notifier.appended(['AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(80);
    notifier.appended(['AttendanceRecorded.v1']);
    expect(sent).toHaveLength(1);
    await settle();
    expect(sent).toEqual([0, 80]);
  });

  it('keeps announcing after a notification failed', async () => {
    const failures: number[] = [];
    const notifier = new AppendNotifier(() => {
      failures.push(Date.now());
      return Promise.reject(new Error('connection lost'));
    }, 50);
    notifier.appended(['AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(10);
    notifier.appended(['AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(50);
    expect(failures).toEqual([0, 50]);
  });

  it('sends what is owed on close, then nothing more', async () => {
    const notifier = new AppendNotifier(send, 50);
    notifier.appended(['AttendanceRecorded.v1']);
    await settle();
    notifier.appended(['AttendanceRecorded.v1']);
    const closing = notifier.close();
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([0, 0]);
    await settle();
    await closing;
    notifier.appended(['AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([0, 0]);
  });

  it('names the types appended since the last notification, each once, and nothing when they would not fit', async () => {
    const payloads: string[] = [];
    const notifier = new AppendNotifier(async (payload) => void payloads.push(payload), 50);
    notifier.appended(['AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(0);
    notifier.appended(['AttendanceRecorded.v1']);
    notifier.appended(['AttendanceCorrected.v1', 'AttendanceRecorded.v1']);
    await jest.advanceTimersByTimeAsync(60);
    notifier.appended(Array.from({ length: 400 }, (_, index) => `SomethingHappenedNumber${index}.v1`));
    await jest.advanceTimersByTimeAsync(60);
    expect(payloads).toEqual(['AttendanceRecorded.v1', 'AttendanceRecorded.v1,AttendanceCorrected.v1', '']);
  });
});
