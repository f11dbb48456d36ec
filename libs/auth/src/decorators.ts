import { createParamDecorator, SetMetadata, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedActor } from './authenticated-actor';
import type { Role } from './roles';

export const IS_PUBLIC_KEY = 'training-ledger:auth:public';
export const ROLES_KEY = 'training-ledger:auth:roles';

/** The route answers without a bearer token (health, documentation, public verification). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller must hold at least one of these roles. On a handler it replaces any class-level list. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Request property where the guard leaves the verified actor. */
export const ACTOR_REQUEST_PROPERTY = 'actor';

export type RequestWithActor = { [ACTOR_REQUEST_PROPERTY]?: AuthenticatedActor };

export function actorOf(request: RequestWithActor): AuthenticatedActor {
  const actor = request[ACTOR_REQUEST_PROPERTY];
  if (!actor) throw new UnauthorizedException('No authenticated actor on this request');
  return actor;
}

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedActor => actorOf(context.switchToHttp().getRequest<RequestWithActor>()),
);
