import { Controller, Get, Module, Query, Res, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { agencyKinds, enrolmentContract } from '@training-ledger/contracts';
import { pageOf, SearchPageQuery, setTotalCount, type PagedResponse } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { agencyDirectoryProjection } from './agency-directory.projection';
import { agencyDirectoryPage, type AgencyDirectoryPage } from './agency-directory.queries';
import { DIRECTORY_READERS, directoryAgencyOf } from './who-may';

class AgencyDirectoryQuery extends SearchPageQuery {
  @IsOptional()
  @IsIn(agencyKinds, { message: `kind must be one of ${agencyKinds.join(', ')}` })
  kind?: (typeof agencyKinds)[number];
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
    const page = await agencyDirectoryPage(this.projector, { q: query.q, kind: query.kind, agencyId: directoryAgencyOf(actor) }, pageOf(query));
    setTotalCount(response, page.total);
    return page;
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
