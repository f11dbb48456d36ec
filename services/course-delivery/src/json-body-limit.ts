/**
 * Course delivery reads bodies up to 3 MiB, where the other services read 2 MiB: a posting of
 * 5,000 attendance marks with every id at its 128-character limit is 2.5 MB of JSON (with ids as
 * integrations send them, UUIDs and short session codes, about 1 MB).
 */
export const COURSE_DELIVERY_JSON_BODY_LIMIT = 3 * 1024 * 1024;
