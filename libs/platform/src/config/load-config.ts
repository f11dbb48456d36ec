import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/**
 * Reads a service's settings from the environment and stops the service when any is missing or wrong,
 * naming every bad setting at once. Settings the class does not declare are ignored.
 */
export function loadConfig<T extends object>(configClass: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const config = plainToInstance(configClass, present);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidConfigurationError(errors.map((error) => describe(error, present)));
  return config;
}

function describe(error: ValidationError, present: Record<string, string | undefined>): string {
  const messages = [...new Set(Object.values(error.constraints ?? {}))];
  const reason = messages.length > 0 ? messages.join(', ') : `${error.property} is invalid`;
  return error.property in present ? reason : `${error.property} is missing: ${reason}`;
}
