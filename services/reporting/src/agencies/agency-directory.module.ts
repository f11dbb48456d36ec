import { Controller, Get, Module, Query, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { agencyKinds, enrolmentContract } from '@training-ledger/contracts';
import { notDeleted, Projector } from '@training-ledger/read-models';
import { IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { agencyDirectoryProjection, type AgencyDirectoryEntry } from './agency-directory.projection';

class AgencyDirectoryQuery {
  @IsOptional()
  @IsIn(agencyKinds, { message: `kind must be one of ${agencyKinds.join(', ')}` })
  kind?: (typeof agencyKinds)[number];
}

export interface AgencyDirectoryPage {
  readonly total: number;
  readonly items: readonly Omit<AgencyDirectoryEntry, '_id'>[];
}

@ApiTags('Agencies (cơ quan)')
@ApiBearerAuth()
@Controller('agencies')
export class AgencyDirectoryController {
  constructor(private readonly projector: Projector) {}

  @Get()
  @Roles('programme-admin', 'evaluator', 'monitor', 'auditor', 'agency-integration')
  @ApiOperation({ summary: 'Agencies known to reporting, with their kind (ministry, province, …)' })
  @ApiQuery({ name: 'kind', enum: agencyKinds, required: false })
  async list(@Query() query: AgencyDirectoryQuery, @CurrentActor() actor: AuthenticatedActor): Promise<AgencyDirectoryPage> {
    const model = await this.projector.model<AgencyDirectoryEntry>(agencyDirectoryProjection);
    const filter: Record<string, unknown> = { ...notDeleted };
    if (query.kind) filter.kind = query.kind;
    if (actor.agencyId) filter._id = actor.agencyId;
    const [total, items] = await Promise.all([
      model.countDocuments(filter),
      model.find(filter, { _v: 0, _id: 0 }).sort({ code: 1 }).limit(1000).lean(),
    ]);
    return { total, items: items as unknown as AgencyDirectoryPage['items'] };
  }
}

@Module({ controllers: [AgencyDirectoryController] })
export class AgencyDirectoryModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly projector: Projector,
  ) {}

  onModuleInit(): void {
    this.consumers.register(projectionConsumer(this.projector, agencyDirectoryProjection, [enrolmentContract.topic]));
  }
}
