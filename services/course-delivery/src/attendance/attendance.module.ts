import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections } from '@training-ledger/service-runtime';
import { ApprovedTraineesModule } from '../approved-trainees/approved-trainees.module';
import {
  assessmentIdempotencyStoreProvider,
  attendanceCorrectionIdempotencyStoreProvider,
  attendanceIdempotencyStoreProvider,
} from './attendance-idempotency';
import { attendanceSheetProjection } from './attendance-sheet.projection';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

/** Attendance, assessments and feedback of course runs over HTTP, with the attendance sheet read model. */
@Module({
  imports: [ApprovedTraineesModule],
  controllers: [AttendanceController],
  providers: [AttendanceService, attendanceIdempotencyStoreProvider, attendanceCorrectionIdempotencyStoreProvider, assessmentIdempotencyStoreProvider],
})
export class AttendanceModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(attendanceSheetProjection);
    // Each cell's history is kept in the sheet since its version 2.
    this.localProjections.retire({ name: 'attendance-history', collection: 'attendance_history' });
  }
}
