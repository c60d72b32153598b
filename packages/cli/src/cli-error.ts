// The CLI's failure path. Every command failure ends as one line on stderr,
// `brook: <CODE>: <message>`, and a non-zero exit code, so scripts can match the code and people
// can read the message. Codes are the ErrorCode names of @brook/protocol when the failure came
// from the cluster (UNKNOWN_TOPIC_OR_PARTITION, MESSAGE_TOO_LARGE, ...) and a few CLI-only names
// for failures found before anything was sent (INVALID_ARGUMENT, INVALID_INPUT, ...).
import { BrookError } from '@brook/protocol';

/** CLI-only codes: the failure happened in the CLI itself, before or around a request. */
export type CliErrorCode =
  | 'INVALID_ARGUMENT' // a flag or argument the CLI cannot use
  | 'INVALID_INPUT' // a stdin line the CLI cannot turn into a record
  | 'SERVER_BIN_NOT_FOUND' // `server start` found no built broker
  | 'TIMED_OUT' // a CLI-side deadline (consume --timeout-ms with --require-records)
  | 'CORRUPT_LOG' // `debug dump-log --verify` found a bad CRC, an undecodable batch or a torn tail
  | 'NODE_EXITED' // `cluster start`: a node's process exited before the cluster was healthy
  | 'UNHEALTHY' // `cluster health`: the cluster is not healthy (the report says why)
  | 'INTERRUPTED' // Ctrl-C while `cluster start` waited (the nodes keep running)
  | 'INTERNAL'; // anything unexpected: a bug, reported with its message rather than a stack

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** The process exit code; 2 for usage errors as most Unix tools do, 1 otherwise. */
    readonly exitCode: number = code === 'INVALID_ARGUMENT' ? 2 : code === 'INTERRUPTED' ? 130 : 1,
  ) {
    super(message);
  }
}

/**
 * Collapses whitespace so that a message never spills onto a second line, and drops the empty
 * "Resolution note:" that grpc-js appends to connection failures.
 */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*Resolution note:\s*$/, '').trim();
}

/** Duck-typed BrookError: a second copy of @brook/protocol (a packed install) fails instanceof. */
function brookErrorLike(error: unknown): { code: string; message: string } | null {
  if (error instanceof BrookError) return error;
  if (error instanceof Error && (error as { name?: string }).name === 'BrookError') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: error.message };
  }
  return null;
}

/** The code and message a failure is reported with. */
export function describeFailure(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof CliError) return { code: error.code, message: oneLine(error.message), exitCode: error.exitCode };
  const brook = brookErrorLike(error);
  if (brook) return { code: brook.code, message: oneLine(brook.message), exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: oneLine(message), exitCode: 1 };
}

/** The one line printed for a failure: `brook: <CODE>: <message>`. */
export function formatFailureLine(error: unknown): string {
  const { code, message } = describeFailure(error);
  return `brook: ${code}: ${message}`;
}
