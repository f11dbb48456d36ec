import type { INestApplication } from '@nestjs/common';
import { LocalTokenAuthority } from '@training-ledger/auth';
import { createServiceApp, loadConfig, MetricsEndpoint, sampleValue, samplesOf, type Sample } from '@training-ledger/platform';
import { eventually, IsolatedEnvironment } from '@training-ledger/test-servers';
import { createKafkaClient } from '@training-ledger/messaging';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { EnrolmentConfig } from './config';
import { EnrolmentModule } from './enrolment.module';

/**
 * The whole enrolment service on the real servers, listening on real ports: what its metrics
 * listener answers after a request, as Prometheus would read it.
 */
describe('the enrolment service’s metrics', () => {
  const isolated = IsolatedEnvironment.create('metrics');
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let apiUrl: string;
  let metricsUrl: string;
  let groups: string[] = [];

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = loadConfig(EnrolmentConfig, {
      ...process.env,
      ...isolated.settings,
      SERVICE_NAME: 'enrolment',
      AUTH_JWKS_FILE: authority.jwksFile,
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    app = await createServiceApp({ config, module: EnrolmentModule.forRoot(config), title: 'enrolment' });
    await app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    metricsUrl = `http://127.0.0.1:${app.get(MetricsEndpoint).port()}/metrics`;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (groups.length > 0) {
      const admin = createKafkaClient({ clientId: `metrics-it-${isolated.runId}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(',') }).admin();
      await admin.connect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.disconnect();
    }
    await isolated.dispose();
    authority?.dispose();
  });

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    return samplesOf(await response.text());
  };

  it('counts the request by its route template, the event it appended, and shows the relay and consumer lag', async () => {
    const registrations = { method: 'POST', route: '/agencies', status: '200', service: 'enrolment' };
    const before = sampleValue(await scrape(), 'training_ledger_http_requests_total', registrations) ?? 0;

    const response = await fetch(`${apiUrl}/agencies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await authority.mint({ roles: ['programme-admin'] })}` },
      body: JSON.stringify({ code: 'MTR', nameVi: 'Cơ quan đo lường', nameEn: 'Metrics Agency', kind: 'ministry' }),
    });
    expect(response.status).toBe(200);

    const topic = `${isolated.topicPrefix}enrolment.events.v1`;
    const samples = await eventually('the metrics to show the request and a consumer group’s lag', async () => {
      const current = await scrape();
      return sampleValue(current, 'training_ledger_http_requests_total', registrations) === before + 1 &&
        current.some((sample) => sample.name === 'training_ledger_consumer_lag_messages')
        ? current
        : null;
    });
    expect(sampleValue(samples, 'training_ledger_http_request_duration_seconds_count', registrations)).toBe(before + 1);
    expect(sampleValue(samples, 'training_ledger_events_appended_total', { type: 'AgencyRegistered.v1' })).toBe(1);
    expect(sampleValue(samples, 'training_ledger_relay_running', { topic })).toBe(1);
    expect(sampleValue(samples, 'training_ledger_relay_lag_events', { topic })).toBeGreaterThanOrEqual(0);
    const consumerLag = samples.filter((sample) => sample.name === 'training_ledger_consumer_lag_messages');
    groups = [...new Set(consumerLag.map((sample) => sample.labels.group!))];
    expect(groups.every((group) => group.startsWith(`${isolated.topicPrefix}enrolment.`))).toBe(true);
    expect(consumerLag.every((sample) => /^\d+$/.test(sample.labels.partition!) && sample.value >= 0)).toBe(true);
    expect(samples.filter((sample) => sample.name === 'training_ledger_projection_lag_events').length).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Nothing of what the request carried reaches a label.
    expect(samples.filter((sample) => Object.values(sample.labels).some((value) => /MTR|Metrics Agency|test:/.test(value)))).toEqual([]);
  });
});
