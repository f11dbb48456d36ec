import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { LocalTokenAuthority, Public, Roles } from '@training-ledger/auth';
import request from 'supertest';
import { createServiceApp } from '../bootstrap/bootstrap';
import { ReadinessChecks } from '../health/readiness';
import { capturedLog, testServiceConfig } from '../service-config.fixture';
import { sampleValue, samplesOf } from './exposition';
import { MetricsEndpoint } from './metrics-endpoint';
import { ServiceMetrics } from './service-metrics';

@Controller('runs')
class RunController {
  @Public()
  @Get(':runId/attendance')
  attendance(@Param('runId') runId: string) {
    return { runId };
  }

  @Roles('programme-admin')
  @Get(':runId/roster')
  roster(@Param('runId') runId: string) {
    return { runId };
  }
}

@Module({ controllers: [RunController] })
class RunModule {}

const requests = 'training_ledger_http_requests_total';

/** The request metrics and the metrics listener, on the shared bootstrap. */
describe('service metrics', () => {
  let authority: LocalTokenAuthority;
  let app: INestApplication;
  let metricsUrl: string;

  beforeAll(async () => {
    authority = await LocalTokenAuthority.create();
    const config = Object.assign(testServiceConfig(authority, 'metrics-test', 3997), { METRICS_PORT: 0 });
    app = await createServiceApp({ module: RunModule, config, title: 'Metrics test service', logDestination: capturedLog([]) });
    app.get(ReadinessChecks).add({ name: 'store', check: () => Promise.resolve(false) });
    await app.init();
    metricsUrl = `http://127.0.0.1:${app.get(MetricsEndpoint).port()}/metrics`;
  });

  afterAll(async () => {
    await app.close();
    authority.dispose();
  });

  const scrape = async () => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('counts requests by route template, never by the raw path, with method and status', async () => {
    const before = sampleValue(await scrape(), requests, { route: '/runs/:runId/attendance', status: '200' }) ?? 0;
    await request(app.getHttpServer()).get('/runs/R-1/attendance').expect(200);
    await request(app.getHttpServer()).get('/runs/R-2/attendance').expect(200);
    await request(app.getHttpServer()).get('/runs/R-3/roster').expect(401);
    await request(app.getHttpServer()).get('/nowhere/R-4').expect(404);

    const samples = samplesOf(await scrape());
    expect(sampleValue(samples, requests, { method: 'GET', route: '/runs/:runId/attendance', status: '200', service: 'metrics-test' })).toBe(before + 2);
    expect(sampleValue(samples, requests, { route: '/runs/:runId/roster', status: '401' })).toBe(1);
    expect(sampleValue(samples, requests, { route: 'unmatched', status: '404' })).toBe(1);
    expect(sampleValue(samples, 'training_ledger_http_request_duration_seconds_count', { route: '/runs/:runId/attendance', status: '200' })).toBe(before + 2);
    expect(samples.filter((sample) => Object.values(sample.labels).some((value) => /R-\d/.test(value)))).toEqual([]);
  });

  it('exports the process metrics: CPU, memory, event loop', async () => {
    const names = new Set(samplesOf(await scrape()).map((sample) => sample.name));
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(names).toContain(name);
    }
  });

  it('records what the last /ready probe found for each dependency', async () => {
    await request(app.getHttpServer()).get('/ready').expect(503);
    expect(sampleValue(await scrape(), 'training_ledger_readiness_check_up', { check: 'store' })).toBe(0);
  });

  it('serves nothing but GET /metrics on the metrics port, and no metrics on the API port', async () => {
    expect((await fetch(metricsUrl.replace('/metrics', '/status'))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(404);
    await request(app.getHttpServer()).get('/metrics').expect(404);
  });

  it('names what it exports, as rules and dashboards refer to them', () => {
    expect(app.get(ServiceMetrics).names()).toEqual(expect.arrayContaining([requests, 'training_ledger_readiness_check_up', 'process_cpu_seconds_total']));
  });
});
