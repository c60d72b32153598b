// BrookError: an operating error (a bad request, a lost leader, a full disk) carrying a code from
// the one ErrorCode table. Programmer errors (broken invariants) are not BrookErrors: they are
// assertions and crash (STYLE.md, "Two kinds of failure").
import { ERROR_CODES, type ErrorCodeName } from './error-codes.js';

export interface BrookErrorOptions {
  /** The error this one wraps, kept for logs; never sent over the wire. */
  readonly cause?: unknown;
  /**
   * Overrides the table's retriable flag: for an error relayed from elsewhere whose retriability
   * is known better than its code says (fromServiceError uses it for the flag a server sent).
   */
  readonly retriable?: boolean;
}

export class BrookError extends Error {
  override readonly name = 'BrookError';
  /** The error's name in the table, e.g. 'NOT_LEADER_OR_FOLLOWER'. */
  readonly code: ErrorCodeName;
  /** The error's numeric code on the wire, e.g. 6. */
  readonly numericCode: number;
  /** True when the same request may succeed if sent again (after a metadata refresh). */
  readonly retriable: boolean;

  /** `message` defaults to the table's description of the code. */
  constructor(code: ErrorCodeName, message?: string, options: BrookErrorOptions = {}) {
    // NONE is the absence of an error; a BrookError carrying it would be a programmer error that
    // turns a success into a failure somewhere far away, so it is refused here.
    if (code === 'NONE') throw new TypeError('BrookError: NONE is not an error code');
    const definition = ERROR_CODES[code];
    super(message === undefined || message === '' ? definition.description : message, { cause: options.cause });
    this.code = code;
    this.numericCode = definition.code;
    this.retriable = options.retriable ?? definition.retriable;
  }
}

/** True when `error` is a BrookError whose code is one of `codes` (any code when none given). */
export function isBrookError(error: unknown, ...codes: ErrorCodeName[]): error is BrookError {
  return error instanceof BrookError && (codes.length === 0 || codes.includes(error.code));
}
