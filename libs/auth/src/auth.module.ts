import { Global, Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, SIMULATED_TIME_POLICY, type SimulatedTimePolicy } from './auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

export type AuthModuleOptions = TokenVerifierOptions & {
  /** Who may state the domain time (`X-Simulated-Now`) when the service runs in simulation mode; null when it does not. */
  readonly simulation?: SimulatedTimePolicy | null;
};

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly inject?: InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

/**
 * Registers a global guard: every HTTP route needs a valid bearer token unless marked `@Public()`,
 * and `@Roles(...)` is enforced. The key set is loaded when the module starts, so a missing JWKS file stops the service.
 */
const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(options) },
        { provide: SIMULATED_TIME_POLICY, useValue: options.simulation ?? null },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: AUTH_OPTIONS,
          inject: options.inject ?? [],
          useFactory: (...dependencies: never[]) => options.useFactory(...dependencies),
        },
        { provide: TokenVerifier, inject: [AUTH_OPTIONS], useFactory: (resolved: AuthModuleOptions) => new TokenVerifier(resolved) },
        { provide: SIMULATED_TIME_POLICY, inject: [AUTH_OPTIONS], useFactory: (resolved: AuthModuleOptions) => resolved.simulation ?? null },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
