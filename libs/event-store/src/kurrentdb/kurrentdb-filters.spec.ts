import { EVENT_TYPE, STREAM_NAME } from '@kurrent/kurrentdb-client';
import { UpcasterRegistry } from '../upcasting';
import { kurrentDbFilter } from './kurrentdb-filters';

const upcasters = new UpcasterRegistry().register('Nominated.v1', 'Nominated.v2', (data) => data);
const regexOf = (filter: ReturnType<typeof kurrentDbFilter>): RegExp =>
  new RegExp('regex' in filter.server ? filter.server.regex : '(?!)');

describe('kurrentDbFilter', () => {
  it('leaves out system events when nothing is asked for', () => {
    const filter = kurrentDbFilter(undefined, upcasters);
    expect(filter.server.filterOn).toBe(EVENT_TYPE);
    expect(regexOf(filter).test('$metadata')).toBe(false);
    expect(filter.accepts({ type: 'Nominated.v2', streamName: 'nomination-1' })).toBe(true);
    expect(filter.accepts({ type: '$checkpoint', streamName: 'checkpoint-projection' })).toBe(false);
  });

  it('filters by exact stored type, including the retired types read as the asked ones', () => {
    const filter = kurrentDbFilter({ eventTypes: ['Nominated.v2', 'Certificate+Issued'] }, upcasters);
    expect(filter.server.filterOn).toBe(EVENT_TYPE);
    const regex = regexOf(filter);
    expect(['Nominated.v1', 'Nominated.v2', 'Certificate+Issued'].every((type) => regex.test(type))).toBe(true);
    expect(['Nominated.v20', 'NominatedXv2', 'CertificateeIssued'].some((type) => regex.test(type))).toBe(false);
  });

  it('filters by category on the server and by type here when both are asked for', () => {
    const filter = kurrentDbFilter({ streamCategories: ['trainee'], eventTypes: ['Nominated.v2'] }, upcasters);
    expect(filter.server.filterOn).toBe(STREAM_NAME);
    const regex = regexOf(filter);
    expect(['trainee', 'trainee-1', 'trainee-1-a'].every((stream) => regex.test(stream))).toBe(true);
    expect(['trainees-1', 'xtrainee-1', 'course-1'].some((stream) => regex.test(stream))).toBe(false);
    expect(filter.accepts({ type: 'Nominated.v1', streamName: 'trainee-1' })).toBe(true);
    expect(filter.accepts({ type: 'Withdrawn', streamName: 'trainee-1' })).toBe(false);
  });

  it('matches nothing when every asked type is upcast to something else', () => {
    const filter = kurrentDbFilter({ eventTypes: ['Nominated.v1'] }, upcasters);
    expect(regexOf(filter).test('Nominated.v1')).toBe(false);
    expect(filter.accepts({ type: 'Nominated.v1', streamName: 'trainee-1' })).toBe(false);
  });
});
