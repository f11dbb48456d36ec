import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { assertAgencyAccess, CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import { handleCommand, loadStreamState, type EventStore } from '@training-ledger/event-store';
import { commandMetadata, CorrelationId, IsCalendarDate } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import { assertAgencyRegistered } from '../agency-registration';
import { declareStaffRosterCommand, DeclareStaffRosterDto } from './declare-staff-roster.dto';
import { rosterHistoryOf, rosterInForce, type StaffRosterView } from './staff-roster-history.queries';
import { ApiRowChecks, CheckRowsDto, checkRows, type RowChecks, validatedRow } from '../row-checks/row-checks';
import { staffRosterDecider, staffRosterStreamName } from './staff-roster.decider';
import { ROSTER_KEEPERS, ROSTER_READERS } from './who-may';

class RosterAsOfQuery {
  @ApiProperty({ example: '2028-12-31', description: 'The day the declaration must be in force on (YYYY-MM-DD)' })
  @IsCalendarDate()
  asOf!: string;
}

@ApiTags('Staff rosters (biên chế làm công tác đối ngoại)')
@ApiBearerAuth()
@Controller('agencies/:agencyId/rosters')
export class StaffRostersController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projector: Projector,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles(...ROSTER_KEEPERS)
  @ApiOperation({
    summary: 'Declare how many regular and non-regular foreign-affairs staff the agency has as of a date',
    description: 'Declarations are never edited: a later as-of date supersedes. Resending the same declaration records nothing.',
  })
  async declare(
    @Param('agencyId') agencyId: string,
    @Body() body: DeclareStaffRosterDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<{ agencyId: string; asOf: string; recorded: readonly string[] }> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    const result = await handleCommand(this.eventStore, staffRosterDecider, {
      streamName: staffRosterStreamName(agencyId),
      commandId: randomUUID(),
      maxAttempts: 3,
      command: declareStaffRosterCommand(agencyId, body, commandMetadata(actor, correlationId)),
    });
    return { agencyId, asOf: body.asOf, recorded: result.events.map((event) => event.type) };
  }

  @Post('check')
  @HttpCode(200)
  @Roles(...ROSTER_KEEPERS)
  @ApiOperation({
    summary: 'Check roster declarations before recording them (kiểm tra trước khi ghi): records nothing',
    description:
      'Each row is a declaration body, validated as POST validates it and decided on the log and the rows before it; ' +
      'nothing is appended. The answer gives a result per row as a bulk answer does: accepted (would be recorded), ' +
      'already-recorded, or refused with the rule (a row that is not a valid body is refused with status 400 and its field errors).',
  })
  @ApiRowChecks()
  async check(
    @Param('agencyId') agencyId: string,
    @Body() body: CheckRowsDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RowChecks> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    let { state } = await loadStreamState(this.eventStore, staffRosterDecider, staffRosterStreamName(agencyId));
    const metadata = commandMetadata(actor, correlationId);
    return checkRows(body.rows, async (row) => {
      const validated = await validatedRow(DeclareStaffRosterDto, row);
      if (!validated.valid) return { accepted: false, errors: validated.errors };
      const events = staffRosterDecider.decide(declareStaffRosterCommand(agencyId, validated.value, metadata), state);
      state = events.reduce(staffRosterDecider.evolve, state);
      return { subjectId: `${agencyId}/${validated.value.asOf}`, events };
    });
  }

  @Get()
  @Roles(...ROSTER_READERS)
  @ApiOperation({ summary: 'Every roster declaration of the agency, newest first' })
  async history(@Param('agencyId') agencyId: string, @CurrentActor() actor: AuthenticatedActor): Promise<StaffRosterView[]> {
    assertAgencyAccess(actor, agencyId);
    return rosterHistoryOf(this.projector, agencyId);
  }

  @Get('in-force')
  @Roles(...ROSTER_READERS)
  @ApiOperation({ summary: 'The declaration in force on a date: the latest with an as-of date on or before it' })
  async inForce(
    @Param('agencyId') agencyId: string,
    @Query() query: RosterAsOfQuery,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<StaffRosterView> {
    assertAgencyAccess(actor, agencyId);
    const entry = await rosterInForce(this.projector, agencyId, query.asOf);
    if (!entry) {
      throw new DomainRuleViolation(
        'roster-declared-by-then',
        `Agency ${agencyId} had declared no roster as of ${query.asOf}`,
        'asOf',
        'not-found',
      );
    }
    return entry;
  }
}
