// Turns one stdin line into a record for `brook produce`, as Kafka's console producer does:
// without a key separator the whole line is the value and the key is null; with one, the line is
// split at the separator's first occurrence into key and value. A line without the separator is
// an error (Kafka's "No key separator found"), because sending it with a null key would quietly
// put it on a different partition than the user meant.
import { CliError } from '../cli-error.js';

export interface LineRecord {
  key: Buffer | null;
  value: Buffer;
}

export interface LineParser {
  /** Parses the line; `lineNumber` (from 1) is only for the error message. */
  parse(line: Buffer, lineNumber: number): LineRecord;
}

export function createLineParser(keySeparator: string | undefined): LineParser {
  if (keySeparator === undefined) return { parse: (line) => ({ key: null, value: line }) };
  if (keySeparator.length === 0) throw new CliError('INVALID_ARGUMENT', '--key-separator must not be empty');
  const separator = Buffer.from(keySeparator);
  return {
    parse(line, lineNumber) {
      const at = line.indexOf(separator);
      if (at === -1) {
        throw new CliError('INVALID_INPUT', `line ${lineNumber} has no key separator '${keySeparator}'`);
      }
      return { key: line.subarray(0, at), value: line.subarray(at + separator.length) };
    },
  };
}
