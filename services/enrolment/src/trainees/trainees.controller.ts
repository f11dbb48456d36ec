import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertAgencyAccess, CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import type { EventStore } from '@training-ledger/event-store';
import {
  ApiBulkAnswer,
  ApiIdempotencyKey,
  commandMetadata,
  CorrelationId,
  executeIdempotently,
  IDEMPOTENCY_KEY_HEADER,
  type IdempotencyStore,
  type PagedResponse,
  pageOf,
  requireIdempotencyKey,
  setTotalCount,
} from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { EVENT_STORE, PersonalDataVault } from '@training-ledger/service-runtime';
import { ApiRowChecks, CheckRowsDto, type RowChecks } from '../row-checks/row-checks';
import { TraineeRegistrationCheck } from './trainee-registration-check';
import { TRAINEE_REGISTRATION_IDEMPOTENCY_STORE } from './trainee-idempotency';
import { type BulkRegistrationResult, TraineeRegistrations } from './trainee-registrations';
import { assertAgencyRegistered } from '../agency-registration';
import { traineeDirectoryPage, type TraineeDirectoryView } from './trainee-directory.queries';
import { type TraineeCommandResult, TraineeRecords, type TraineeView } from './trainee-records';
import {
  ChangeTraineeProfileDto,
  EraseTraineePersonalDataDto,
  profileChange,
  RegisterTraineeDto,
  RegisterTraineesDto,
  registrationRequest,
  TraineeDirectoryQuery,
  TraineePersonalDataDto,
  TransferTraineeDto,
} from './trainee-requests.dto';
import { TRAINEE_KEEPERS, TRAINEE_READERS } from './who-may';

export interface TraineeDirectoryPage {
  readonly agencyId: string;
  readonly trainees: readonly TraineeDirectoryView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: string | null;
}

const commandResultExample = {
  traineeId: '3f6c1d2a-8b7e-4f0a-9c1d-5e2b7a9c4d10',
  agencyId: 'BTP',
  recorded: ['TraineeRegistered.v1', 'TraineePersonalDataRecorded.v1'],
};

@ApiTags('Trainees (học viên)')
@ApiBearerAuth()
@Controller()
export class TraineesController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly records: TraineeRecords,
    private readonly projector: Projector,
    private readonly vault: PersonalDataVault,
    private readonly registrationCheck: TraineeRegistrationCheck,
    private readonly registrations: TraineeRegistrations,
    @Inject(TRAINEE_REGISTRATION_IDEMPOTENCY_STORE) private readonly registrationIdempotency: IdempotencyStore<BulkRegistrationResult>,
  ) {}

  @Post('agencies/:agencyId/trainees')
  @HttpCode(200)
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Register a staff member of the agency as a trainee (đăng ký học viên)',
    description:
      'The profile (target group, rank, leadership, sector) is published to other services; the personal data ' +
      '(full name, date of birth, staff number) is kept sealed under a key of its own and never published. ' +
      'Resending the same registration records nothing.',
  })
  @ApiOkResponse({ schema: { example: commandResultExample } })
  async register(
    @Param('agencyId') agencyId: string,
    @Body() body: RegisterTraineeDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<TraineeCommandResult> {
    return this.records.register(agencyId, registrationRequest(body), actor, correlationId);
  }

  @Post('agencies/:agencyId/trainees/bulk')
  @HttpCode(200)
  @Roles(...TRAINEE_KEEPERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Register many staff members of the agency as trainees at once (đăng ký danh sách học viên), up to 1,000',
    description:
      'Each registration is validated as POST /agencies/{agencyId}/trainees validates it (a body with a bad row is refused ' +
      'with 400 naming the row and field, and nothing is recorded), then decided and recorded on its own: a registration ' +
      'refused for a rule stops none of the others. A row without its own traineeId is registered under an id derived from ' +
      'the Idempotency-Key and its place, given in the answer. The answer gives a result per registration: accepted, ' +
      'already-recorded (the same registration sent again) or refused with the rule. Should a request fail part-way, ' +
      'its retry answers already-recorded for the trainees recorded before the failure.',
  })
  @ApiBulkAnswer({
    description: 'A result per registration, in the order given, with the count of each result',
    answer: { agencyId: { type: 'string' } },
    subject: { traineeId: { type: 'string' } },
  })
  registerMany(
    @Param('agencyId') agencyId: string,
    @Body() body: RegisterTraineesDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<BulkRegistrationResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never registers a trainee twice');
    const requests = body.trainees.map(registrationRequest);
    return executeIdempotently(
      this.registrationIdempotency,
      { key, scope: `trainee-registrations:${actor.id}:${agencyId}`, request: { agencyId, trainees: requests } },
      () => this.registrations.registerMany(agencyId, requests, actor, commandMetadata(actor, correlationId), key),
    );
  }

  @Post('agencies/:agencyId/trainees/check')
  @HttpCode(200)
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Check registrations before recording them (kiểm tra trước khi ghi): records nothing',
    description:
      'Each row is a registration body. It is validated as POST /agencies/{agencyId}/trainees validates it and decided ' +
      'on the log as it stands and on the rows before it; nothing is appended and no key is made. The answer gives a ' +
      'result per row as a bulk answer does: accepted (would be recorded), already-recorded, or refused with the rule ' +
      '(a row that is not a valid body is refused with status 400 and its field errors).',
  })
  @ApiRowChecks({
    accepted: 1,
    alreadyRecorded: 0,
    refused: 1,
    items: [
      { index: 0, subjectId: 'imp-3f6c1d2a8b7e4f0a', result: 'accepted' },
      {
        index: 1,
        subjectId: null,
        result: 'refused',
        status: 400,
        rule: 'valid-request-body',
        field: 'dateOfBirth',
        kind: 'invalid',
        reason: 'dateOfBirth: dateOfBirth must be a calendar date YYYY-MM-DD between 1900-01-01 and today',
        errors: [{ field: 'dateOfBirth', reason: 'dateOfBirth must be a calendar date YYYY-MM-DD between 1900-01-01 and today' }],
      },
    ],
  })
  checkRegistrations(
    @Param('agencyId') agencyId: string,
    @Body() body: CheckRowsDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<RowChecks> {
    return this.registrationCheck.check(agencyId, body.rows, actor, commandMetadata(actor, correlationId));
  }

  @Get('agencies/:agencyId/trainees')
  @Roles(...TRAINEE_READERS)
  @ApiOperation({
    summary: "The agency's trainees as they stand now, by trainee id (danh sách học viên)",
    description:
      'From a read model of the log: it may lag a write by a moment. It holds no personal data. `q` finds trainees by ' +
      'name, diacritics and case ignored, through a folded name kept beside the trainee\'s key and destroyed with it. ' +
      'Pages with `after` (a trainee id) or `offset`; X-Total-Count says how many match.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        agencyId: 'BTP',
        trainees: [
          {
            traineeId: '3f6c1d2a-8b7e-4f0a-9c1d-5e2b7a9c4d10',
            agencyId: 'BTP',
            targetGroup: 'regular',
            rank: 'specialist',
            leadership: false,
            sector: 'international law',
            erased: false,
          },
        ],
        next: null,
      },
    },
  })
  async directory(
    @Param('agencyId') agencyId: string,
    @Query() query: TraineeDirectoryQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
  ): Promise<TraineeDirectoryPage> {
    assertAgencyAccess(actor, agencyId);
    await assertAgencyRegistered(this.eventStore, agencyId);
    const page = pageOf(query);
    const traineeIds = query.q?.trim() ? await this.vault.search(agencyId, query.q) : undefined;
    const { total, trainees, next } = await traineeDirectoryPage(this.projector, { agencyId, traineeIds, after: query.after }, page);
    setTotalCount(response, total);
    return { agencyId, trainees, next };
  }

  @Get('trainees/:traineeId')
  @Roles(...TRAINEE_READERS)
  @ApiOperation({
    summary: 'A trainee: profile, and personal data unless it was erased',
    description: "An agency's system reads only the trainees who belong to its agency now.",
  })
  @ApiOkResponse({
    schema: {
      example: {
        traineeId: '3f6c1d2a-8b7e-4f0a-9c1d-5e2b7a9c4d10',
        agencyId: 'BTP',
        targetGroup: 'regular',
        rank: 'division-level',
        leadership: true,
        sector: 'international law',
        lastEffectiveFrom: '2027-03-01',
        erased: false,
        personalData: { fullName: 'Nguyễn Thị Lan', dateOfBirth: '1990-04-12', staffNumber: 'BTP-004512' },
      },
    },
  })
  async read(@Param('traineeId') traineeId: string, @CurrentActor() actor: AuthenticatedActor): Promise<TraineeView> {
    return this.records.read(traineeId, actor);
  }

  @Put('trainees/:traineeId/profile')
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Change target group, rank, leadership or sector from a date (thay đổi thông tin học viên)',
    description: 'Changes take effect in date order; the same change sent again records nothing.',
  })
  @ApiOkResponse({ schema: { example: { ...commandResultExample, recorded: ['TraineeProfileChanged.v1'] } } })
  async changeProfile(
    @Param('traineeId') traineeId: string,
    @Body() body: ChangeTraineeProfileDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<TraineeCommandResult> {
    return this.records.changeProfile(traineeId, profileChange(body), actor, correlationId);
  }

  @Post('trainees/:traineeId/transfer')
  @HttpCode(200)
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Transfer the trainee to another agency from a date (điều chuyển công tác)',
    description: 'Sent by the agency the trainee leaves; from then on the trainee belongs to the new agency.',
  })
  @ApiOkResponse({
    schema: { example: { ...commandResultExample, agencyId: 'BNG', recorded: ['TraineeTransferred.v1'] } },
  })
  async transfer(
    @Param('traineeId') traineeId: string,
    @Body() body: TransferTraineeDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<TraineeCommandResult> {
    return this.records.transfer(traineeId, { toAgencyId: body.toAgencyId, effectiveFrom: body.effectiveFrom }, actor, correlationId);
  }

  @Put('trainees/:traineeId/personal-data')
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Correct the personal data of a trainee (đính chính thông tin cá nhân)',
    description: 'Sealed like the original; the same data sent again records nothing. Refused after erasure.',
  })
  @ApiOkResponse({ schema: { example: { ...commandResultExample, recorded: ['TraineePersonalDataRecorded.v1'] } } })
  async correctPersonalData(
    @Param('traineeId') traineeId: string,
    @Body() body: TraineePersonalDataDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<TraineeCommandResult> {
    return this.records.correctPersonalData(
      traineeId,
      { fullName: body.fullName, dateOfBirth: body.dateOfBirth, staffNumber: body.staffNumber },
      actor,
      correlationId,
    );
  }

  @Post('trainees/:traineeId/erasure')
  @HttpCode(200)
  @Roles(...TRAINEE_KEEPERS)
  @ApiOperation({
    summary: 'Erase the personal data of a trainee on a lawful request (xoá dữ liệu cá nhân)',
    description:
      "Destroys the trainee's key: the sealed personal data left in the immutable log can never be read again. " +
      'The profile and every other record of the trainee stay, so that evaluations replay unchanged.',
  })
  @ApiOkResponse({
    schema: {
      example: { ...commandResultExample, recorded: ['TraineePersonalDataErased.v1'], personalDataKey: 'destroyed' },
    },
  })
  async erase(
    @Param('traineeId') traineeId: string,
    @Body() body: EraseTraineePersonalDataDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<TraineeCommandResult & { readonly personalDataKey: 'destroyed' }> {
    return this.records.erase(traineeId, body.reason, actor, correlationId);
  }
}
