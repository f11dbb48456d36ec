import { ROLES, type Role } from '@training-ledger/auth';

/* Who may define and read the course catalogue (danh mục khóa bồi dưỡng), in one place: the routes admit these roles. */

/** Defining a course and putting a new completion rule in force are MOFA's programme office's. */
export const CATALOGUE_EDITORS = ['programme-admin'] as const satisfies readonly Role[];

/** Every role reads the catalogue. */
export const CATALOGUE_READERS: readonly Role[] = ROLES;
