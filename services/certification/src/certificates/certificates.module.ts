import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { courseDeliveryContract, enrolmentContract } from '@training-ledger/contracts';
import { Projector } from '@training-ledger/read-models';
import type { EventStore } from '@training-ledger/event-store';
import {
  EVENT_STORE,
  idempotencyStoreProvider,
  IntegrationConsumers,
  LocalProjections,
  PersonalDataModule,
  projectionConsumer,
} from '@training-ledger/service-runtime';
import { completionProjection } from '../completion/completion.projection';
import { CompletionService } from '../completion/completion.service';
import { courseTitlesProjection } from '../completion/course-titles.projection';
import { consumedRunFactTypes } from '../completion/run-evidence';
import { holderErasuresConsumer } from '../holder-erasure/holder-erasures.consumer';
import { ISSUE_IDEMPOTENCY_STORE, CertificatesController } from './certificates.controller';
import { certificatesProjection } from './certificates.projection';
import { CertificatesService } from './certificates.service';
import { HolderNames } from './holder-names';

/**
 * Completion from the facts of course delivery and enrolment, and the certificates MOFA issues on it.
 * A re-assessment that makes a certified trainee ineligible raises a review flag for the certifier;
 * nothing is revoked on its own. Holders' names are sealed under each trainee's key, destroyed when
 * enrolment erases the trainee.
 */
@Module({
  imports: [PersonalDataModule],
  controllers: [CertificatesController],
  providers: [
    CompletionService,
    CertificatesService,
    HolderNames,
    idempotencyStoreProvider(ISSUE_IDEMPOTENCY_STORE, 'issue_idempotency_keys'),
  ],
  exports: [CompletionService, CertificatesService, HolderNames],
})
export class CertificatesModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly localProjections: LocalProjections,
    private readonly projector: Projector,
    private readonly completion: CompletionService,
    private readonly certificates: CertificatesService,
    private readonly holderNames: HolderNames,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      name: 'completion',
      topics: [courseDeliveryContract.topic, enrolmentContract.topic],
      eventTypes: consumedRunFactTypes,
      batchHandler: async (messages) => {
        const assessed = await this.completion.note(messages.map(({ message }) => message));
        // Facts of one run arrive from several partitions: a batch may assess a trainee several times
        // on the way to the last word, and only the last word may raise a flag.
        const latest = new Map(assessed.map((assessment) => [`${assessment.runId}\u0000${assessment.traineeId}`, assessment]));
        const ineligibleByRun = new Map<string, { traineeId: string; reasons: readonly string[] }[]>();
        for (const { runId, traineeId, reasons, eligible } of latest.values()) {
          if (eligible) continue;
          const ofRun = ineligibleByRun.get(runId) ?? [];
          ofRun.push({ traineeId, reasons });
          ineligibleByRun.set(runId, ofRun);
        }
        for (const [runId, ineligible] of ineligibleByRun) {
          await this.certificates.flagIfCertified(runId, ineligible, {
            correlationId: runId,
            actor: { id: 'certification', roles: [] },
            occurredAt: new Date().toISOString(),
          });
        }
      },
    });
    this.consumers.register(projectionConsumer(this.projector, courseTitlesProjection, [courseDeliveryContract.topic]));
    this.consumers.register(holderErasuresConsumer(this.eventStore, this.holderNames));
    this.localProjections.register(completionProjection);
    this.localProjections.register(certificatesProjection);
  }
}
