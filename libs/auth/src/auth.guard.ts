import {
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { assertAgencyAccess } from './agency-access';
import { ACTOR_REQUEST_PROPERTY, IS_PUBLIC_KEY, ROLES_KEY, type RequestWithActor } from './decorators';
import type { Role } from './roles';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

type GuardedRequest = RequestWithActor & { headers: IncomingHttpHeaders };

export const SIMULATED_TIME_POLICY = Symbol('SIMULATED_TIME_POLICY');
export const SIMULATED_TIME_HEADER = 'x-simulated-now';

/** In simulation mode, the roles whose requests may state the domain time. */
export interface SimulatedTimePolicy {
  readonly roles: readonly Role[];
}
type GuardedResponse = { setHeader(name: string, value: string): unknown };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(SIMULATED_TIME_POLICY) private readonly simulation: SimulatedTimePolicy | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bearer tokens exist only on HTTP; message handlers in a hybrid app sit behind the broker's own access control.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const statesTime = request.headers[SIMULATED_TIME_HEADER] !== undefined;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      if (statesTime && this.simulation) throw this.mayNotStateTime();
      return true;
    }

    const token = bearerToken(request.headers.authorization);
    if (token === null) {
      http.getResponse<GuardedResponse>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('A bearer token is required');
    }

    try {
      request[ACTOR_REQUEST_PROPERTY] = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        http.getResponse<GuardedResponse>().setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new UnauthorizedException(error.message);
      }
      throw new ServiceUnavailableException('Bearer tokens cannot be checked right now', { cause: error });
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const actor = request[ACTOR_REQUEST_PROPERTY];
    if (statesTime && this.simulation && !this.simulation.roles.some((role) => actor.roles.includes(role))) throw this.mayNotStateTime();
    if (required && required.length > 0 && !required.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
    }
    // Before the body is validated: another agency's route answers 403 and nothing about its input.
    const agencyId = (request as { params?: Record<string, string | undefined> }).params?.['agencyId'];
    if (agencyId !== undefined) assertAgencyAccess(actor, agencyId);
    return true;
  }

  private mayNotStateTime(): ForbiddenException {
    return new ForbiddenException(`${SIMULATED_TIME_HEADER} may be sent only by the roles ${this.simulation?.roles.join(', ')}`);
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
  return match ? match[1] : null;
}
