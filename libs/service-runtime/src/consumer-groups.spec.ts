import { consumerGroupsOf, routesCatchingUp, routesMetadata, startingOffsets, withoutRoutes } from './consumer-groups';
import type { ConsumerRegistration } from './integration-consumers';

const handler = async () => undefined;
const registrations: ConsumerRegistration[] = [
  { name: 'projection.run-progress', topics: ['course-delivery.events.v1'], eventTypes: ['CourseRunCompleted.v1'], batchHandler: handler },
  { name: 'evaluations', topics: ['enrolment.events.v1', 'course-delivery.events.v1'], maxBatchSize: 500, batchHandler: handler },
  { name: 'holder-erasures', topics: ['enrolment.events.v1'], handler },
];

describe('consumerGroupsOf', () => {
  it('reads each topic in one group for every handler that reads it, each handler named as its own group was', () => {
    const groups = consumerGroupsOf('reporting', 'it-', registrations);
    expect(groups.map(({ groupId, topic, routes }) => [groupId, topic, routes.map((route) => route.name)])).toEqual([
      ['it-reporting.reads.course-delivery.events.v1', 'it-course-delivery.events.v1', ['it-reporting.projection.run-progress', 'it-reporting.evaluations']],
      ['it-reporting.reads.enrolment.events.v1', 'it-enrolment.events.v1', ['it-reporting.evaluations', 'it-reporting.holder-erasures']],
    ]);
    expect(groups[0]!.routes[0]).toMatchObject({ eventTypes: ['CourseRunCompleted.v1'], redriveTopic: 'it-reporting.projection.run-progress.redrive.v1' });
  });

  it('reads a handler\'s redrive topic in the group of its first topic, for it alone', () => {
    const [marks, nominations] = consumerGroupsOf('reporting', '', registrations);
    expect([...marks!.readersOf]).toEqual([
      ['course-delivery.events.v1', ['reporting.projection.run-progress', 'reporting.evaluations']],
      ['reporting.projection.run-progress.redrive.v1', ['reporting.projection.run-progress']],
    ]);
    expect([...nominations!.readersOf]).toEqual([
      ['enrolment.events.v1', ['reporting.evaluations', 'reporting.holder-erasures']],
      ['reporting.evaluations.redrive.v1', ['reporting.evaluations']],
      ['reporting.holder-erasures.redrive.v1', ['reporting.holder-erasures']],
    ]);
    expect(nominations!.routes[0]).toMatchObject({ name: 'reporting.evaluations', maxBatchSize: 500, redriveTopic: 'reporting.evaluations.redrive.v1' });
    expect(marks!.routes[1]).not.toHaveProperty('redriveTopic');
  });
});

describe('startingOffsets', () => {
  const routes = ['reporting.progress', 'reporting.evaluations'];
  const earliest = [
    { partition: 0, offset: '0' },
    { partition: 1, offset: '10' },
  ];
  const nothing = [
    { partition: 0, offset: '-1', metadata: null },
    { partition: 1, offset: '-1', metadata: null },
  ];

  it('leaves a group that has committed nothing, and whose handlers had no groups, to start at the first message', () => {
    expect(startingOffsets({ routes, committed: nothing, formerGroups: new Map(), earliest })).toEqual([]);
  });

  it('starts a new group where the furthest behind of its handlers\' own groups had got', () => {
    const formerGroups = new Map([
      ['reporting.progress', [{ partition: 0, offset: '120' }, { partition: 1, offset: '40' }]],
      ['reporting.evaluations', [{ partition: 0, offset: '95' }, { partition: 1, offset: '44' }]],
    ]);
    expect(startingOffsets({ routes, committed: nothing, formerGroups, earliest })).toEqual([
      { partition: 0, offset: '95' },
      { partition: 1, offset: '40' },
    ]);
  });

  it('leaves a new group at the first message when one of its handlers never had a group, even when the others had', () => {
    const formerGroups = new Map([['reporting.progress', [{ partition: 0, offset: '120' }, { partition: 1, offset: '40' }]]]);
    expect(startingOffsets({ routes, committed: nothing, formerGroups, earliest })).toEqual([]);
  });

  it('keeps the offsets of a group whose metadata names all its handlers, whatever their own groups say', () => {
    const committed = [
      { partition: 0, offset: '300', metadata: routesMetadata(routes) },
      { partition: 1, offset: '200', metadata: routesMetadata([...routes, 'reporting.retired']) },
    ];
    const formerGroups = new Map([['reporting.progress', [{ partition: 0, offset: '120' }, { partition: 1, offset: '40' }]]]);
    expect(startingOffsets({ routes, committed, formerGroups, earliest })).toEqual([]);
  });

  it('moves a group back for a handler its metadata does not name yet, to the first message when it never had a group', () => {
    const committed = [
      { partition: 0, offset: '300', metadata: routesMetadata(['reporting.progress']) },
      { partition: 1, offset: '200', metadata: routesMetadata(routes) },
    ];
    expect(startingOffsets({ routes, committed, formerGroups: new Map(), earliest })).toEqual([{ partition: 0, offset: '0' }]);
    const formerGroups = new Map([['reporting.evaluations', [{ partition: 0, offset: '250' }]]]);
    expect(startingOffsets({ routes, committed, formerGroups, earliest })).toEqual([{ partition: 0, offset: '250' }]);
  });

  it('never starts before the first message the partition still holds', () => {
    const formerGroups = new Map([
      ['reporting.progress', [{ partition: 1, offset: '3' }]],
      ['reporting.evaluations', [{ partition: 1, offset: '60' }]],
    ]);
    const committed = [{ partition: 1, offset: '70', metadata: null }];
    expect(startingOffsets({ routes, committed, formerGroups, earliest })).toEqual([{ partition: 1, offset: '10' }]);
  });
});

describe('routesCatchingUp', () => {
  const routes = ['reporting.progress', 'reporting.evaluations', 'reporting.feedback'];
  const earliest = [
    { partition: 0, offset: '0' },
    { partition: 1, offset: '0' },
  ];
  const committed = [
    { partition: 0, offset: '9000', metadata: routesMetadata(['reporting.progress', 'reporting.evaluations']) },
    { partition: 1, offset: '4000', metadata: routesMetadata(['reporting.progress', 'reporting.evaluations']) },
  ];

  it('sends a handler new to an established group, with years to read, to catch up on its own', () => {
    expect(routesCatchingUp({ routes, committed, formerGroups: new Map(), earliest })).toEqual(['reporting.feedback']);
  });

  it('lets a handler join when its own group is near the shared one, or the topic is short', () => {
    const formerGroups = new Map([['reporting.feedback', [{ partition: 0, offset: '8990' }, { partition: 1, offset: '3000' }]]]);
    expect(routesCatchingUp({ routes, committed, formerGroups, earliest })).toEqual([]);
    expect(routesCatchingUp({ routes, committed, formerGroups: new Map(), earliest, beyond: 13_000 })).toEqual([]);
  });

  it('sends nobody apart from a group that has not committed for its handlers yet', () => {
    const unnamed = committed.map((entry) => ({ ...entry, metadata: null }));
    expect(routesCatchingUp({ routes, committed: unnamed, formerGroups: new Map(), earliest })).toEqual([]);
  });

  it('takes the handlers that catch up out of the group, with their redrive topics', () => {
    const [marks] = consumerGroupsOf('reporting', '', registrations);
    const { shared, apart } = withoutRoutes(marks!, ['reporting.projection.run-progress']);
    expect(apart.map((route) => route.name)).toEqual(['reporting.projection.run-progress']);
    expect(shared.routes.map((route) => route.name)).toEqual(['reporting.evaluations']);
    expect([...shared.readersOf]).toEqual([['course-delivery.events.v1', ['reporting.evaluations']]]);
  });
});
