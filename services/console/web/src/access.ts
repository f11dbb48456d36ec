/** The roles a token may carry (libs/auth ROLES); the services decide, the console only hides what would be refused. */
export type Role = 'programme-admin' | 'certifier' | 'evaluator' | 'agency-integration' | 'institution-integration' | 'monitor' | 'auditor';

export type Screen = 'progress' | 'operations' | 'agency-rosters' | 'agency-trainees' | 'agency-nominations' | 'agency-import';

/** Who may open each screen: the roles the screen's endpoints admit (reporting GET /progress, each service's GET /status). */
export const SCREEN_ROLES: Readonly<Record<Screen, readonly Role[]>> = {
  progress: ['monitor', 'programme-admin', 'evaluator', 'auditor'],
  operations: ['programme-admin', 'auditor', 'monitor'],
  // An agency's own screens: they act for the agency named in the token (agency_id).
  'agency-rosters': ['agency-integration'],
  'agency-trainees': ['agency-integration'],
  'agency-nominations': ['agency-integration'],
  'agency-import': ['agency-integration'],
};

export const SCREENS: readonly Screen[] = ['progress', 'operations', 'agency-rosters', 'agency-trainees', 'agency-nominations', 'agency-import'];

export function mayOpen(roles: readonly string[], screen: Screen): boolean {
  return SCREEN_ROLES[screen].some((role) => roles.includes(role));
}

export function screensFor(roles: readonly string[]): Screen[] {
  return SCREENS.filter((screen) => mayOpen(roles, screen));
}
