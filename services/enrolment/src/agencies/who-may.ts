import type { Role } from '@training-ledger/auth';

/* Who may register and rename agencies (bộ, ngành, địa phương), in one place: the routes admit these roles. */

/** The list of ministries, agencies and provinces is kept by MOFA's programme office alone. */
export const AGENCY_REGISTRARS = ['programme-admin'] as const satisfies readonly Role[];
