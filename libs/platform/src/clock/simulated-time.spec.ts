import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/service-config';
import { atSimulatedTime, currentTime, refuseSimulatedTime, simulatedTimeMiddleware } from './simulated-time';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
function response() {
  const sent = { statusCode: 0, body: '', headers: {} as Record<string, string> };
  const fake = {
    set statusCode(code: number) {
      sent.statusCode = code;
    },
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    end: (body: string) => (sent.body = body),
  } as unknown as ServerResponse;
  return { fake, sent };
}

describe('simulated time', () => {
  it('is the real clock outside a simulated request', () => {
    const before = Date.now();
    expect(currentTime().getTime()).toBeGreaterThanOrEqual(before);
  });

  it('runs a request stating X-Simulated-Now at that instant, through awaits', async () => {
    const seen: string[] = [];
    await new Promise<void>((done) =>
      simulatedTimeMiddleware(request({ 'x-simulated-now': '2028-12-31T10:00:00+07:00' }), response().fake, () => {
        void (async () => {
          await new Promise((wait) => setTimeout(wait, 5));
          seen.push(currentTime().toISOString());
          done();
        })();
      }),
    );
    expect(seen).toEqual(['2028-12-31T03:00:00.000Z']);
  });

  it('refuses a malformed instant with 400 naming the header', () => {
    const { fake, sent } = response();
    let reached = false;
    simulatedTimeMiddleware(request({ 'x-simulated-now': 'next Tuesday' }), fake, () => (reached = true));
    expect(reached).toBe(false);
    expect(sent.statusCode).toBe(400);
    expect(JSON.parse(sent.body)).toMatchObject({ errors: [{ field: 'x-simulated-now' }] });
  });

  it('serves consumers and jobs too', () => {
    expect(atSimulatedTime(new Date('2031-12-31T00:00:00Z'), () => currentTime().toISOString())).toBe('2031-12-31T00:00:00.000Z');
  });

  it('refuses, outside simulation mode, a request that states its time, naming the header', () => {
    const { fake, sent } = response();
    let reached = false;
    refuseSimulatedTime(request({ 'x-simulated-now': '2028-12-31T10:00:00+07:00' }), fake, () => (reached = true));
    expect(reached).toBe(false);
    expect(sent.statusCode).toBe(400);
    expect(JSON.parse(sent.body)).toMatchObject({ errors: [{ field: 'x-simulated-now', reason: expect.stringContaining('only by a service in simulation mode') }] });
    let served = false;
    refuseSimulatedTime(request({}), response().fake, () => (served = true));
    expect(served).toBe(true);
  });

  it('is switched on only in development or test, never in production, staging or an unnamed environment', () => {
    const base = { PORT: '3000', SERVICE_NAME: 'reporting', DATABASE_URL: 'postgres://x/y', KAFKA_BROKERS: 'k:9092', MONGO_URL: 'mongodb://m/db', AUTH_JWKS_URL: 'https://sso/jwks', AUTH_ISSUER: 'https://sso', AUTH_AUDIENCE: 'training-ledger' };
    expect(loadConfig(ServiceConfig, { ...base, SIMULATION_MODE: 'true', NODE_ENV: 'development' }).SIMULATION_MODE).toBe(true);
    expect(loadConfig(ServiceConfig, { ...base, SIMULATION_MODE: 'true', NODE_ENV: 'test', SIMULATION_ROLES: 'evaluator,institution-integration' }).SIMULATION_ROLES).toEqual(['evaluator', 'institution-integration']);
    expect(loadConfig(ServiceConfig, base).SIMULATION_MODE).toBe(false);
    for (const NODE_ENV of ['production', 'staging', undefined]) {
      expect(() => loadConfig(ServiceConfig, { ...base, SIMULATION_MODE: 'true', NODE_ENV })).toThrow(/SIMULATION_MODE=true is refused unless NODE_ENV is development or test/);
    }
  });
});
