import { Global, Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

export type AuthModuleOptions = TokenVerifierOptions;

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly inject?: InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

/**
 * Registers a global guard: every HTTP route needs a valid bearer token unless marked `@Public()`,
 * and `@Roles(...)` is enforced. The key set is loaded when the module starts, so a missing JWKS file stops the service.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: TokenVerifier, useValue: new TokenVerifier(options) }, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenVerifier],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: TokenVerifier,
          inject: options.inject ?? [],
          useFactory: async (...dependencies: never[]) => new TokenVerifier(await options.useFactory(...dependencies)),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
