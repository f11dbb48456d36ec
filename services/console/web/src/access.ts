/** The roles a token may carry (libs/auth ROLES); the services decide, the console only hides what would be refused. */
export type Role = 'programme-admin' | 'certifier' | 'evaluator' | 'agency-integration' | 'institution-integration' | 'monitor' | 'auditor';

export type Screen =
  | 'progress'
  | 'operations'
  | 'catalogue'
  | 'runs'
  | 'nominations'
  | 'attendance'
  | 'certify'
  | 'certificates'
  | 'evaluations'
  | 'agency-rosters'
  | 'agency-trainees'
  | 'agency-nominations'
  | 'agency-import';

/** Who may open each screen: the roles the screen's endpoints admit (reporting GET /progress, each service's GET /status). */
export const SCREEN_ROLES: Readonly<Record<Screen, readonly Role[]>> = {
  progress: ['monitor', 'programme-admin', 'evaluator', 'auditor'],
  operations: ['programme-admin', 'auditor', 'monitor'],
  // course-delivery GET /courses and GET /runs admit every role; the office's own screens show them to those
  // who read across agencies, and only programme-admin sees the actions.
  catalogue: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
  runs: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
  // Deciding (POST /runs/:runId/nominations/decisions) is programme-admin's alone.
  nominations: ['programme-admin'],
  // certification GET /runs/:runId/worklist; issuing is the certifier's alone and hidden from the others.
  certify: ['certifier', 'programme-admin'],
  // GET /certificates with the PDF and credential downloads, which only these roles may fetch.
  certificates: ['certifier', 'programme-admin'],
  // reporting GET /evaluations; issuing (evaluator) and replaying (evaluator, auditor) are hidden from the others.
  evaluations: ['evaluator', 'auditor', 'programme-admin', 'monitor'],
  // course-delivery GET /runs/:runId/attendance and its corrections; the institution posts marks, the office corrects them.
  attendance: ['institution-integration', 'programme-admin'],
  // An agency's own screens: they act for the agency named in the token (agency_id).
  'agency-rosters': ['agency-integration'],
  'agency-trainees': ['agency-integration'],
  'agency-nominations': ['agency-integration'],
  'agency-import': ['agency-integration'],
};

export const SCREENS: readonly Screen[] = [
  'progress',
  'catalogue',
  'runs',
  'nominations',
  'agency-rosters',
  'agency-trainees',
  'agency-nominations',
  'agency-import',
  'attendance',
  'certify',
  'certificates',
  'evaluations',
  'operations',
];

export function mayOpen(roles: readonly string[], screen: Screen): boolean {
  return SCREEN_ROLES[screen].some((role) => roles.includes(role));
}

export function screensFor(roles: readonly string[]): Screen[] {
  return SCREENS.filter((screen) => mayOpen(roles, screen));
}
