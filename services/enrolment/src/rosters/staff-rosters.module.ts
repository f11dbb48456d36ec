import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections } from '@training-ledger/service-runtime';
import { staffRosterHistoryProjection } from './staff-roster-history.projection';
import { StaffRostersController } from './staff-rosters.controller';

@Module({ controllers: [StaffRostersController] })
export class StaffRostersModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(staffRosterHistoryProjection);
  }
}
