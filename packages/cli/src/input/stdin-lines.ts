// Splits a byte stream (stdin) into lines without decoding it: a record's bytes are whatever the
// line held, so non-UTF-8 input goes through unchanged. A line ends at '\n'; a '\r' before it is
// dropped (files written on Windows); a last line without '\n' still counts. A line longer than
// `lineBytesMax` is refused rather than buffered without bound.
import { CliError } from '../cli-error.js';

/** Well above the broker's default message limit (1 MiB), so that limit is the one users meet. */
export const LINE_BYTES_MAX_DEFAULT = 64 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function trimCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.subarray(0, line.length - 1) : line;
}

/** Yields each line of `input` as a Buffer without its line ending. */
export async function* readLines(input: AsyncIterable<Buffer | string>, lineBytesMax = LINE_BYTES_MAX_DEFAULT): AsyncGenerator<Buffer> {
  // Bytes of the current, unfinished line, kept as chunks so a long line is copied once.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      lineNumber++;
      if (pendingBytes + piece.length > lineBytesMax) throw lineTooLong(lineNumber, lineBytesMax);
      const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      yield trimCarriageReturn(line);
      start = newline + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pendingBytes += rest.length;
      if (pendingBytes > lineBytesMax) throw lineTooLong(lineNumber + 1, lineBytesMax);
      pending.push(rest);
    }
  }
  if (pendingBytes > 0) yield trimCarriageReturn(Buffer.concat(pending));
}

function lineTooLong(lineNumber: number, lineBytesMax: number): CliError {
  return new CliError('INVALID_INPUT', `line ${lineNumber} is longer than ${lineBytesMax} bytes`);
}
