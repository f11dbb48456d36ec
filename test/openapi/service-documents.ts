import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { createOpenApiDocument, loadConfig, PlatformModule, type ServiceConfig } from '@training-ledger/platform';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CertificationConfig } from '../../services/certification/src/config';
import { CertificationModule } from '../../services/certification/src/certification.module';
import { CourseDeliveryConfig } from '../../services/course-delivery/src/config';
import { CourseDeliveryModule } from '../../services/course-delivery/src/course-delivery.module';
import { EnrolmentConfig } from '../../services/enrolment/src/config';
import { EnrolmentModule } from '../../services/enrolment/src/enrolment.module';
import { ReportingConfig } from '../../services/reporting/src/config';
import { ReportingModule } from '../../services/reporting/src/reporting.module';

export const documentedServices = ['enrolment', 'course-delivery', 'certification', 'reporting'] as const;
export type DocumentedService = (typeof documentedServices)[number];

@Module({})
class DocumentRootModule {}

/**
 * Each service's OpenAPI document as its running service serves it at /docs/openapi.json, built
 * from the same modules in Nest's preview mode: no provider is created, so no server is reached.
 */
export async function serviceDocuments(): Promise<Record<DocumentedService, OpenAPIObject>> {
  const authority = await LocalTokenAuthority.create();
  try {
    const env = (service: string) => ({
      SERVICE_NAME: service,
      DATABASE_URL: 'postgres://documents@127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
      MONGO_URL: 'mongodb://127.0.0.1:1',
      AUTH_JWKS_FILE: authority.jwksFile,
      NODE_ENV: 'test',
    });
    const roots: Record<DocumentedService, () => { config: ServiceConfig; module: DynamicModule }> = {
      enrolment: () => withConfig(loadConfig(EnrolmentConfig, env('enrolment')), (config) => EnrolmentModule.forRoot(config)),
      'course-delivery': () => withConfig(loadConfig(CourseDeliveryConfig, env('course-delivery')), (config) => CourseDeliveryModule.forRoot(config)),
      certification: () => withConfig(loadConfig(CertificationConfig, env('certification')), (config) => CertificationModule.forRoot(config)),
      reporting: () => withConfig(loadConfig(ReportingConfig, env('reporting')), (config) => ReportingModule.forRoot(config)),
    };
    const documents = {} as Record<DocumentedService, OpenAPIObject>;
    for (const service of documentedServices) {
      const { config, module } = roots[service]();
      const app = await NestFactory.create(
        { module: DocumentRootModule, imports: [PlatformModule.forRoot({ config }), module] },
        { preview: true, logger: false, abortOnError: false },
      );
      documents[service] = createOpenApiDocument(app, { title: service, version: '1.0.0' });
    }
    return documents;
  } finally {
    authority.dispose();
  }
}

function withConfig<C extends ServiceConfig>(config: C, module: (config: C) => DynamicModule): { config: ServiceConfig; module: DynamicModule } {
  return { config, module: module(config) };
}
