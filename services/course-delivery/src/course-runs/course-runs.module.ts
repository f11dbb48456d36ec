import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections } from '@training-ledger/service-runtime';
import { CourseRunsController } from './course-runs.controller';
import { courseRunsProjection } from './course-runs.projection';

/** Course runs: scheduling, timetable, lecturers, opening and closing, and the runs read model. */
@Module({ controllers: [CourseRunsController] })
export class CourseRunsModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(courseRunsProjection);
  }
}
