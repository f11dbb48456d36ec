import { ROLES, type AuthModuleOptions } from '@training-ledger/auth';
import type { ServiceConfig } from './service-config';

export function authOptionsFromConfig(config: ServiceConfig): AuthModuleOptions {
  const common = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    simulation: config.SIMULATION_MODE ? { roles: config.SIMULATION_ROLES ?? [...ROLES] } : null,
  };
  if (config.AUTH_JWKS_URL !== undefined) return { ...common, jwksUrl: config.AUTH_JWKS_URL };
  if (config.AUTH_JWKS_FILE !== undefined) return { ...common, jwksFile: config.AUTH_JWKS_FILE };
  throw new Error('Neither AUTH_JWKS_URL nor AUTH_JWKS_FILE is set; load the configuration with loadConfig first');
}
