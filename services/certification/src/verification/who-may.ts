import type { Role } from '@training-ledger/auth';

/*
 * Who may fetch a certificate's holder documents (the signed credential, the printable PDF), in one
 * place: the routes admit these roles, the same who may see the holder's details in a list
 * (`maySeeHolderDetails`); an agency's system fetches its own agency's certificates only, by the
 * ledger-wide agency binding (`assertAgencyAccess`).
 */
export const HOLDER_DOCUMENT_READERS = ['certifier', 'programme-admin', 'agency-integration'] as const satisfies readonly Role[];
