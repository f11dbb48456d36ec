import 'reflect-metadata';
import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { IS_PUBLIC_KEY, ROLES, ROLES_KEY, type Role } from '@training-ledger/auth';
import { CertificationModule } from '../../services/certification/src/certification.module';
import { CourseDeliveryModule } from '../../services/course-delivery/src/course-delivery.module';
import { EnrolmentModule } from '../../services/enrolment/src/enrolment.module';
import { ReportingModule } from '../../services/reporting/src/reporting.module';

export type ServiceKey = 'enrolment' | 'courseDelivery' | 'certification' | 'reporting';

export interface Route {
  readonly service: ServiceKey;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express form: `/runs/:runId/attendance`. */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  readonly access: { readonly kind: 'public' } | { readonly kind: 'roles'; readonly roles: readonly Role[] } | { readonly kind: 'unmarked' };
}

const METHODS: Partial<Record<RequestMethod, Route['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** Every route each service serves, read from the same Nest metadata the router and the guard read. */
export function routeTable(): Route[] {
  const roots: Record<ServiceKey, (config: never) => DynamicModule> = {
    enrolment: (config) => EnrolmentModule.forRoot(config),
    courseDelivery: (config) => CourseDeliveryModule.forRoot(config),
    certification: (config) => CertificationModule.forRoot(config),
    reporting: (config) => ReportingModule.forRoot(config),
  };
  return (Object.keys(roots) as ServiceKey[]).flatMap((service) =>
    controllersOf(roots[service]({} as never)).flatMap((controller) => routesOf(service, controller)),
  );
}

function controllersOf(root: DynamicModule | Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  const module = 'module' in root ? root.module : root;
  const key = 'module' in root ? root : module;
  if (seen.has(key)) return [];
  seen.add(key);
  const dynamic = 'module' in root ? root : null;
  const controllers = [...((Reflect.getMetadata('controllers', module) as Type<unknown>[] | undefined) ?? []), ...(dynamic?.controllers ?? [])];
  const imports = [...((Reflect.getMetadata('imports', module) as unknown[] | undefined) ?? []), ...(dynamic?.imports ?? [])];
  return [
    ...controllers,
    ...imports.filter((entry): entry is DynamicModule | Type<unknown> => typeof entry === 'function' || (typeof entry === 'object' && entry !== null && 'module' in entry)).flatMap((entry) => controllersOf(entry, seen)),
  ];
}

function routesOf(service: ServiceKey, controller: Type<unknown>): Route[] {
  const prefix = normalise(Reflect.getMetadata('path', controller) as string | string[] | undefined);
  const classPublic = Reflect.getMetadata(IS_PUBLIC_KEY, controller) === true;
  const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function' || name === 'constructor') return [];
    const method = METHODS[Reflect.getMetadata('method', handler) as RequestMethod];
    const path = Reflect.getMetadata('path', handler) as string | string[] | undefined;
    if (!method || path === undefined) return [];
    const isPublic = (Reflect.getMetadata(IS_PUBLIC_KEY, handler) as boolean | undefined) ?? classPublic;
    const roles = (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles;
    const access: Route['access'] = isPublic ? { kind: 'public' } : roles && roles.length > 0 ? { kind: 'roles', roles } : { kind: 'unmarked' };
    return [{ service, method, path: join(prefix, normalise(path)), controller: controller.name, handler: name, access }];
  });
}

function normalise(path: string | string[] | undefined): string {
  const first = Array.isArray(path) ? path[0] : path;
  return (first ?? '').replace(/^\/+|\/+$/g, '');
}

function join(prefix: string, path: string): string {
  return `/${[prefix, path].filter((part) => part !== '').join('/')}`;
}

export const allRoles: readonly Role[] = ROLES;
