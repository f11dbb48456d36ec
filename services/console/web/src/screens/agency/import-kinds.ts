import { type ApiClients, problemText } from '../../api/clients';
import type { NominationsResultView, RowChecksView } from './views';
import type { Column } from './spreadsheet';

export type ImportKindId = 'trainees' | 'rosters' | 'nominations';

/** Where a row came from: its file and its number there, which make the row's idempotency key. */
export interface RowOrigin {
  readonly fileHash: string;
  readonly row: number;
}

export type RecordOutcome = 'recorded' | 'already-recorded';

/**
 * One kind of import: its columns, how a row's cells become the request body its endpoint takes
 * (types only; every rule is the service's), the service's check of many rows, and the recording of one.
 */
export interface ImportKind {
  readonly id: ImportKindId;
  readonly columns: readonly Column[];
  body(values: Readonly<Record<string, unknown>>, origin: RowOrigin): Promise<Record<string, unknown>>;
  check(api: ApiClients, agencyId: string, rows: readonly Record<string, unknown>[]): Promise<RowChecksView>;
  record(api: ApiClients, agencyId: string, body: Record<string, unknown>, origin: RowOrigin): Promise<RecordOutcome>;
}

const text = (value: unknown): string | null => (value === null || value === undefined || String(value).trim() === '' ? null : String(value).trim());

/** Spreadsheet spellings of yes and no; anything else is sent as written, for the service to refuse. */
function yesNo(value: unknown): unknown {
  const written = text(value)?.toLowerCase();
  if (written === undefined) return value;
  if (['true', 'có', 'co', 'x', '1', 'yes'].includes(written)) return true;
  if (['false', 'không', 'khong', '0', 'no'].includes(written)) return false;
  return text(value);
}

/** A whole number written as text becomes a number; anything else is sent as written. */
function whole(value: unknown): unknown {
  const written = text(value);
  return written !== null && /^\d{1,9}$/.test(written) ? Number(written) : written;
}

/** A stable id for the row of this file: the same file uploaded again registers the same trainees, once. */
async function rowKey(prefix: string, origin: RowOrigin): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${origin.fileHash}:${origin.row}`));
  return `${prefix}-${[...new Uint8Array(digest)].slice(0, 10).map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function withoutNulls(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined));
}

async function answered<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new Error(problemText(error, response));
  return data as T;
}

const recordedOrNot = (result: { readonly recorded: readonly string[] }): RecordOutcome => (result.recorded.length > 0 ? 'recorded' : 'already-recorded');

export const traineesImport: ImportKind = {
  id: 'trainees',
  columns: [
    { key: 'fullName', headerVi: 'Họ và tên' },
    { key: 'dateOfBirth', headerVi: 'Ngày sinh (YYYY-MM-DD)' },
    { key: 'staffNumber', headerVi: 'Mã cán bộ' },
    { key: 'targetGroup', headerVi: 'Đối tượng' },
    { key: 'rank', headerVi: 'Cấp bậc' },
    { key: 'leadership', headerVi: 'Lãnh đạo, quản lý' },
    { key: 'sector', headerVi: 'Lĩnh vực' },
    { key: 'traineeId', headerVi: 'Mã học viên' },
  ],
  body: async (values, origin) => ({
    // Without an id of the agency's own, the row's key is the trainee's: uploaded again, it registers no one twice.
    traineeId: text(values.traineeId) ?? (await rowKey('imp', origin)),
    ...withoutNulls({ fullName: text(values.fullName), dateOfBirth: text(values.dateOfBirth), staffNumber: text(values.staffNumber) }),
    ...withoutNulls({ targetGroup: text(values.targetGroup), rank: text(values.rank), leadership: yesNo(values.leadership) }),
    sector: text(values.sector),
  }),
  check: (api, agencyId, rows) =>
    answered(api.enrolment.POST('/agencies/{agencyId}/trainees/check', { params: { path: { agencyId } }, body: { rows: [...rows] } })),
  record: async (api, agencyId, body) =>
    recordedOrNot(await answered(api.enrolment.POST('/agencies/{agencyId}/trainees', { params: { path: { agencyId } }, body: body as never }))),
};

export const rostersImport: ImportKind = {
  id: 'rosters',
  columns: [
    { key: 'asOf', headerVi: 'Tính đến ngày (YYYY-MM-DD)' },
    { key: 'regular', headerVi: 'Số cán bộ thường xuyên' },
    { key: 'nonRegular', headerVi: 'Số cán bộ không thường xuyên' },
  ],
  // A declaration is its own key (agency and as-of date): the same row declared again records nothing.
  body: async (values) => withoutNulls({ asOf: text(values.asOf), regular: whole(values.regular), nonRegular: whole(values.nonRegular) }),
  check: (api, agencyId, rows) =>
    answered(api.enrolment.POST('/agencies/{agencyId}/rosters/check', { params: { path: { agencyId } }, body: { rows: [...rows] } })),
  record: async (api, agencyId, body) =>
    recordedOrNot(await answered(api.enrolment.POST('/agencies/{agencyId}/rosters', { params: { path: { agencyId } }, body: body as never }))),
};

/** The row's key in the shape of a UUID, as nomination ids are. */
async function rowUuid(origin: RowOrigin): Promise<string> {
  const hex = (await rowKey('n', origin)).slice(2).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const nominationsImport: ImportKind = {
  id: 'nominations',
  columns: [
    { key: 'runId', headerVi: 'Mã lớp' },
    { key: 'traineeId', headerVi: 'Mã học viên' },
  ],
  // The row's own nomination id and Idempotency-Key: the same file submitted again nominates no one twice.
  body: async (values, origin) => ({ ...withoutNulls({ runId: text(values.runId), traineeId: text(values.traineeId) }), nominationId: await rowUuid(origin) }),
  check: (api, agencyId, rows) =>
    answered(api.enrolment.POST('/agencies/{agencyId}/nominations/check', { params: { path: { agencyId } }, body: { rows: [...rows] } })),
  async record(api, _agencyId, body) {
    const { runId, traineeId, nominationId } = body as { runId: string; traineeId: string; nominationId: string };
    const result = await answered<NominationsResultView>(
      api.enrolment.POST('/runs/{runId}/nominations', {
        params: { path: { runId }, header: { 'Idempotency-Key': nominationId } },
        body: { nominations: [{ traineeId, nominationId }] },
      }),
    );
    const [item] = result.items;
    if (item?.result === 'refused') throw new Error(item.reason);
    return result.accepted > 0 ? 'recorded' : 'already-recorded';
  },
};

export const IMPORT_KINDS: readonly ImportKind[] = [traineesImport, rostersImport, nominationsImport];
