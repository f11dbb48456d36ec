import { Controller, Get, Module, Query, Res, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { agencyKinds, enrolmentContract } from '@training-ledger/contracts';
import { pageOf, searchFilter, SearchPageQuery, setTotalCount, type PagedResponse } from '@training-ledger/platform';
import { notDeleted, Projector } from '@training-ledger/read-models';
import { IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { agencyDirectoryProjection, type AgencyDirectoryEntry } from './agency-directory.projection';
import { DIRECTORY_READERS, directoryAgencyOf } from './who-may';

class AgencyDirectoryQuery extends SearchPageQuery {
  @IsOptional()
  @IsIn(agencyKinds, { message: `kind must be one of ${agencyKinds.join(', ')}` })
  kind?: (typeof agencyKinds)[number];
}

export interface AgencyDirectoryPage {
  readonly total: number;
  readonly items: readonly Omit<AgencyDirectoryEntry, '_id' | 'nameSearchKey'>[];
}

@ApiTags('Agencies (cơ quan)')
@ApiBearerAuth()
@Controller('agencies')
export class AgencyDirectoryController {
  constructor(private readonly projector: Projector) {}

  @Get()
  @Roles(...DIRECTORY_READERS)
  @ApiOperation({
    summary: 'Agencies known to reporting, with their kind (ministry, province, …), by code',
    description: '`q` finds agencies by code or name, diacritics and case ignored; `total` (and X-Total-Count) counts every match.',
  })
  @ApiQuery({ name: 'kind', enum: agencyKinds, required: false })
  async list(
    @Query() query: AgencyDirectoryQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
  ): Promise<AgencyDirectoryPage> {
    const model = await this.projector.model<AgencyDirectoryEntry>(agencyDirectoryProjection);
    const { limit, offset } = pageOf(query);
    const filter: Record<string, unknown> = { ...notDeleted, ...searchFilter('nameSearchKey', query.q) };
    if (query.kind) filter.kind = query.kind;
    const ownAgency = directoryAgencyOf(actor);
    if (ownAgency) filter._id = ownAgency;
    const [total, items] = await Promise.all([
      model.countDocuments(filter),
      model.find(filter, { _v: 0, _id: 0, nameSearchKey: 0 }).sort({ code: 1 }).skip(offset).limit(limit).lean(),
    ]);
    setTotalCount(response, total);
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
