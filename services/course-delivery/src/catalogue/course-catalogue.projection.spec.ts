import { globalPosition } from '@training-ledger/event-store';
import { applyUpdate, type ProjectableEvent } from '@training-ledger/read-models';
import { courseCatalogueProjection } from './course-catalogue.projection';
import type { CourseDefined, CourseEvent } from './course.decider';

const defined: CourseDefined['data'] = {
  courseId: 'NV-DP-01',
  code: 'NV-DP-01',
  titleVi: 'Nghiệp vụ ngoại giao',
  titleEn: 'Diplomatic practice',
  trainingGroup: 'expertise',
  level: 'advanced',
  sector: null,
  requirementGroups: ['expertise'],
  format: 'in-person',
  lengthDays: 5,
  lengthHours: 40,
  languages: ['vi'],
  eligibleTargetGroups: ['regular'],
  eligibleRanks: ['specialist'],
  completionRule: { ruleVersion: 1, minAttendanceShare: '0.8000', excusedCountsAsAttended: true, assessmentRequired: false, passMark: null },
};

function projected(events: ReadonlyArray<Pick<CourseEvent, 'type' | 'data'>>): Record<string, unknown> | undefined {
  let document: Record<string, unknown> | undefined;
  events.forEach((event, index) => {
    const projectable: ProjectableEvent = {
      eventId: `e${index}`,
      type: event.type,
      data: event.data,
      metadata: {
        correlationId: 'c',
        causationId: null,
        actor: { id: 'admin', roles: ['programme-admin'] },
        occurredAt: `2027-0${index + 1}-01T01:00:00.000Z`,
        recordedAt: `2027-0${index + 1}-01T01:00:00.000Z`,
      },
      source: { service: 'course-delivery', streamName: 'course-NV-DP-01', streamPosition: BigInt(index) },
      feedPosition: { kind: 'event-log', globalPosition: globalPosition(1n, BigInt(index)) },
    };
    for (const operation of courseCatalogueProjection.operationsFor(projectable)) {
      expect(operation.id).toBe('NV-DP-01');
      document = applyUpdate(document ?? { _id: operation.id }, { ...operation.update }, document === undefined);
    }
  });
  return document;
}

describe('the course catalogue read model', () => {
  it('keeps the rule in force and every earlier version with the moment it came into force', () => {
    const stricter = { ruleVersion: 2, minAttendanceShare: '0.9000', excusedCountsAsAttended: false, assessmentRequired: true, passMark: 5 };
    const course = projected([
      { type: 'CourseDefined.v1', data: defined },
      { type: 'CompletionRuleVersioned.v1', data: { courseId: 'NV-DP-01', completionRule: stricter } },
    ]);
    expect(course).toMatchObject({
      titleVi: 'Nghiệp vụ ngoại giao',
      titleSearchKey: 'nghiep vu ngoai giao diplomatic practice',
      level: 'advanced',
      completionRule: stricter,
      definedAt: '2027-01-01T01:00:00.000Z',
      ruleVersions: [
        { ...defined.completionRule, inForceFrom: '2027-01-01T01:00:00.000Z' },
        { ...stricter, inForceFrom: '2027-02-01T01:00:00.000Z' },
      ],
    });
  });
});
