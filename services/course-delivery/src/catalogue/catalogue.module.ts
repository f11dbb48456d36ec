import { Module, type OnModuleInit } from '@nestjs/common';
import { LocalProjections } from '@training-ledger/service-runtime';
import { CatalogueController } from './catalogue.controller';
import { courseCatalogueProjection } from './course-catalogue.projection';

/** The course catalogue: defining courses, versioning their completion rules, and reading them. */
@Module({ controllers: [CatalogueController] })
export class CatalogueModule implements OnModuleInit {
  constructor(private readonly localProjections: LocalProjections) {}

  onModuleInit(): void {
    this.localProjections.register(courseCatalogueProjection);
  }
}
