import { Body, Controller, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { handleCommand, type EventStore } from '@training-ledger/event-store';
import { CorrelationId } from '@training-ledger/platform';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { agencyDecider, agencyStreamName } from './agency.decider';
import { RegisterAgencyDto, registerAgencyCommand, RenameAgencyDto, renameAgencyCommand } from './register-agency.dto';
import { AGENCY_REGISTRARS } from './who-may';

export interface AgencyCommandResponse {
  readonly agencyId: string;
  readonly recorded: readonly string[];
}

@ApiTags('Agencies (cơ quan)')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Post()
  @HttpCode(200)
  @Roles(...AGENCY_REGISTRARS)
  @ApiOperation({ summary: 'Register a ministry, agency, province or commune-level unit' })
  async register(
    @Body() body: RegisterAgencyDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyCommandResponse> {
    const command = registerAgencyCommand(body, actor, correlationId);
    const { agencyId } = command.data;
    const result = await handleCommand(this.eventStore, agencyDecider, {
      streamName: agencyStreamName(agencyId),
      commandId: randomUUID(),
      command,
    });
    return { agencyId, recorded: result.events.map((event) => event.type) };
  }

  @Put(':agencyId/name')
  @Roles(...AGENCY_REGISTRARS)
  @ApiOperation({ summary: 'Rename an agency (the old names stay in its history)' })
  async rename(
    @Param('agencyId') agencyId: string,
    @Body() body: RenameAgencyDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyCommandResponse> {
    const result = await handleCommand(this.eventStore, agencyDecider, {
      streamName: agencyStreamName(agencyId),
      commandId: randomUUID(),
      command: renameAgencyCommand(agencyId, body, actor, correlationId),
    });
    return { agencyId, recorded: result.events.map((event) => event.type) };
  }
}
