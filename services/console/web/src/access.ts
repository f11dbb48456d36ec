/** The roles a token may carry (libs/auth ROLES); the services decide, the console only hides what would be refused. */
export type Role = 'programme-admin' | 'certifier' | 'evaluator' | 'agency-integration' | 'institution-integration' | 'monitor' | 'auditor';

export type Screen = 'progress' | 'operations' | 'attendance';

/** Who may open each screen: the roles the screen's endpoints admit (reporting GET /progress, each service's GET /status). */
export const SCREEN_ROLES: Readonly<Record<Screen, readonly Role[]>> = {
  progress: ['monitor', 'programme-admin', 'evaluator', 'auditor'],
  operations: ['programme-admin', 'auditor', 'monitor'],
  // course-delivery GET /runs/:runId/attendance and its corrections; the institution posts marks, the office corrects them.
  attendance: ['institution-integration', 'programme-admin'],
};

export const SCREENS: readonly Screen[] = ['progress', 'operations', 'attendance'];

export function mayOpen(roles: readonly string[], screen: Screen): boolean {
  return SCREEN_ROLES[screen].some((role) => roles.includes(role));
}

export function screensFor(roles: readonly string[]): Screen[] {
  return SCREENS.filter((screen) => mayOpen(roles, screen));
}
