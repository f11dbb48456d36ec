import type { Role } from '@training-ledger/auth';

/*
 * Who may file and read an agency's staff roster (danh sách cán bộ thuộc diện bồi dưỡng), in one place:
 * the routes admit these roles; an agency's own system reaches its own agency's roster only, by the
 * ledger-wide agency binding (`assertAgencyAccess`).
 */

/** The agency's own system, for its roster; MOFA's programme office, for any agency. */
export const ROSTER_KEEPERS = ['agency-integration', 'programme-admin'] as const satisfies readonly Role[];

/** The keepers, and those who evaluate, monitor and audit coverage against the rosters. */
export const ROSTER_READERS = [...ROSTER_KEEPERS, 'evaluator', 'monitor', 'auditor'] as const satisfies readonly Role[];
