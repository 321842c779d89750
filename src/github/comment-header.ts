/**
 * The hidden first line of the sticky pull request comment:
 * `<!-- idc-gitops {"version":1,"planHash":"…","status":"planned","config":"access.yaml"} -->`.
 * It is parsed and serialised as a round trip: apply reads the reviewed plan hash from it.
 */

export const HEADER_VERSION = 1 as const;
export const COMMENT_STATUSES = ['planned', 'applying', 'applied', 'failed'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export interface CommentHeader {
  version: typeof HEADER_VERSION;
  /** Hash of the plan shown (for `planned`, the reviewed plan); '' when there is none. */
  planHash: string;
  status: CommentStatus;
  /** Path of access.yaml: one sticky comment per config file. */
  config: string;
}

const PREFIX = '<!-- idc-gitops ';
const SUFFIX = ' -->';
const HEADER_LINE = /^<!-- idc-gitops (\{.*\}) -->$/;

/** The header line. `<`, `>` and `&` are written as JSON escapes, so `-->` cannot end it early. */
export function serializeHeader(header: CommentHeader): string {
  const json = JSON.stringify({
    version: header.version,
    planHash: header.planHash,
    status: header.status,
    config: header.config,
  })
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return `${PREFIX}${json}${SUFFIX}`;
}

function isStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);
}

/** The header of a comment body, or undefined when the body has none (or one we do not read). */
export function parseHeader(body: string): CommentHeader | undefined {
  const firstLine = body.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const match = HEADER_LINE.exec(firstLine);
  if (!match?.[1]) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(match[1]);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (record['version'] !== HEADER_VERSION) return undefined;
  const { planHash, status, config } = record;
  if (typeof planHash !== 'string' || typeof config !== 'string' || !isStatus(status)) return undefined;
  return { version: HEADER_VERSION, planHash, status, config };
}

/** A full comment body: header line, then the markdown. */
export function withHeader(header: CommentHeader, markdown: string): string {
  return `${serializeHeader(header)}\n${markdown}`;
}
