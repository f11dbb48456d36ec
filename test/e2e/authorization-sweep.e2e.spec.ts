import type { Role } from '@training-ledger/auth';
import { buildServices, workspaceRoot } from '@training-ledger/test-servers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SystemProcesses } from '../simulation/system-processes';
import { allRoles, type Route, routeTable } from './route-table';

/** The only writes a read-only role may make: an auditor replays an evaluation, which records only that it was replayed and its outcome. */
const AUDITOR_WRITES = new Set(['POST /evaluations/:evaluationId/replay']);
const READ_ONLY_ROLES: readonly Role[] = ['monitor', 'auditor'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const routes = routeTable();
const guarded = routes.filter((route): route is Route & { access: { kind: 'roles'; roles: readonly Role[] } } => route.access.kind === 'roles');
const described = (route: Route) => `${route.service} ${route.method} ${route.path}`;

/** Every route of every service, as the router and the guard see it: who may call it, and that nobody else can. */
describe('the authorization sweep', () => {
  it('finds every route marked either public or with the roles that may call it', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => route.access.kind === 'unmarked').map(described)).toEqual([]);
    const table = routes.map((route) => `| ${route.service} | ${route.method} | \`${route.path}\` | ${route.access.kind === 'roles' ? route.access.roles.join(', ') : route.access.kind} |`);
    writeFileSync(join(workspaceRoot, '.local/test-logs/route-roles.md'), ['| service | method | path | who may call it |', '|---|---|---|---|', ...table].join('\n'));
  });

  it('lets no read-only role write, but for the auditor’s replay', () => {
    const writable = guarded.filter((route) => WRITES.has(route.method));
    const readOnlyWrites = writable.flatMap((route) =>
      READ_ONLY_ROLES.filter((role) => route.access.roles.includes(role)).map((role) => `${role}: ${route.method} ${route.path}`),
    );
    expect(readOnlyWrites).toEqual([...AUDITOR_WRITES].map((write) => `auditor: ${write}`));
  });

  describe('on the running services', () => {
    let system: SystemProcesses;
    const tokens = new Map<Role, string>();

    beforeAll(async () => {
      await buildServices();
      system = await SystemProcesses.start('authz');
      for (const role of allRoles) {
        tokens.set(role, await system.mint(role, role === 'agency-integration' ? { agencyId: 'BNV' } : role === 'institution-integration' ? { institutionId: 'HVNG' } : {}));
      }
    }, 300_000);

    afterAll(async () => {
      await system?.stop();
    });

    const call = async (route: Route, token: string | null, parameters: Record<string, string> = {}): Promise<number> => {
      const path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => parameters[name] ?? (name === 'format' ? 'json' : 'SWEEP-1'));
      const response = await fetch(`${system.urls[route.service]}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: WRITES.has(route.method) ? '{}' : undefined,
      });
      await response.arrayBuffer();
      return response.status;
    };

    it('answers 401 to every guarded route called without a token', async () => {
      const answers = await Promise.all(guarded.map(async (route) => `${described(route)} → ${await call(route, null)}`));
      expect(answers.filter((answer) => !answer.endsWith('→ 401'))).toEqual([]);
    });

    it('answers 403 to every role a route does not name', async () => {
      const refused: string[] = [];
      for (const route of guarded) {
        for (const role of allRoles.filter((candidate) => !route.access.roles.includes(candidate))) {
          const status = await call(route, tokens.get(role)!);
          if (status !== 403) refused.push(`${role} on ${described(route)} → ${status}`);
        }
      }
      expect(refused).toEqual([]);
    });

    it('keeps an agency’s token off another agency’s records: 403, or 404 where existence must not leak', async () => {
      const crossing: string[] = [];
      for (const route of guarded.filter((candidate) => candidate.path.includes(':agencyId') && candidate.access.roles.includes('agency-integration'))) {
        const status = await call(route, tokens.get('agency-integration')!, { agencyId: 'BTP' });
        if (status !== 403 && status !== 404) crossing.push(`${described(route)} for BTP with a BNV token → ${status}`);
      }
      expect(crossing).toEqual([]);
    });
  });
});
