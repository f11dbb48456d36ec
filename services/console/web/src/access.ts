/** The roles a token may carry (libs/auth ROLES); the services decide, the console only hides what would be refused. */
export type Role = 'programme-admin' | 'certifier' | 'evaluator' | 'agency-integration' | 'institution-integration' | 'monitor' | 'auditor';

export type Screen =
  | 'progress'
  | 'operations'
  | 'agencies'
  | 'catalogue'
  | 'runs'
  | 'nominations'
  | 'feedback'
  | 'attendance'
  | 'certify'
  | 'certificates'
  | 'evaluations'
  | 'agency-rosters'
  | 'agency-trainees'
  | 'agency-nominations'
  | 'agency-import'
  | 'agency-results';

/** Who may open each screen: the roles the screen's endpoints admit (reporting GET /progress, each service's GET /status). */
export const SCREEN_ROLES: Readonly<Record<Screen, readonly Role[]>> = {
  progress: ['monitor', 'programme-admin', 'evaluator', 'auditor'],
  operations: ['programme-admin', 'auditor', 'monitor'],
  // course-delivery GET /courses and GET /runs admit every role; the office's own screens show them to those
  // who read across agencies, and only programme-admin sees the actions.
  // reporting GET /agencies and enrolment GET /agencies/:agencyId/rosters; registering is programme-admin's alone.
  agencies: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
  catalogue: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
  runs: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
  // Deciding (POST /runs/:runId/nominations/decisions) is programme-admin's alone.
  nominations: ['programme-admin'],
  // course-delivery GET /runs/:runId/feedback reads every response for the office and those who oversee it.
  feedback: ['programme-admin', 'evaluator', 'monitor', 'auditor'],
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
  // GET /certificates and each run's attendance share and feedback, of the agency's own people.
  'agency-results': ['agency-integration'],
};

export const SCREENS: readonly Screen[] = [
  'progress',
  'agencies',
  'catalogue',
  'runs',
  'nominations',
  'feedback',
  'agency-rosters',
  'agency-trainees',
  'agency-nominations',
  'agency-import',
  'agency-results',
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
