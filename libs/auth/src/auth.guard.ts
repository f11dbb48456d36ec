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
import { ACTOR_REQUEST_PROPERTY, IS_PUBLIC_KEY, ROLES_KEY, type RequestWithActor } from './decorators';
import type { Role } from './roles';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

type GuardedRequest = RequestWithActor & { headers: IncomingHttpHeaders };
type GuardedResponse = { setHeader(name: string, value: string): unknown };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bearer tokens exist only on HTTP; message handlers in a hybrid app sit behind the broker's own access control.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
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
    if (required && required.length > 0 && !required.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`Requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
  return match ? match[1] : null;
}
