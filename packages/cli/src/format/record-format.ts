// How `brook consume` prints a record. The default is one JSON object per line,
// {topic, partition, offset, timestamp, key, value, headers}, with key, value and header values
// decoded as UTF-8 (or base64/hex with --encoding, for binary data) and null kept as null.
// With --format a template is filled in per record, kcat style:
//
//   %k key   %v value   %p partition   %o offset   %t timestamp (ms)   %h headers as k=v,k=v
//   %T topic   %K key bytes   %V value bytes   %% a literal %
//   \n newline   \t tab   \\ backslash
//
// kcat spells topic %t and timestamp %T; Brook keeps %t for the timestamp, as its issue and
// README name it, so a kcat template needs those two letters swapped. Each filled template is
// followed by a newline unless it already ends with one.
import { CliError } from '../cli-error.js';
import type { ConsumedRecord, RecordHeaderValue } from '../session.js';

export type BytesEncoding = 'utf8' | 'base64' | 'hex';

export function parseBytesEncoding(text: string): BytesEncoding {
  if (text === 'utf8' || text === 'base64' || text === 'hex') return text;
  throw new CliError('INVALID_ARGUMENT', `--encoding must be utf8, base64 or hex, got '${text}'`);
}

export function encodeBytes(bytes: Uint8Array | null, encoding: BytesEncoding): string | null {
  if (bytes === null) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

/** Offsets and timestamps as JSON numbers while exact (always, in practice), else as strings. */
function jsonInteger(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

export function recordToJson(record: ConsumedRecord, encoding: BytesEncoding): string {
  return JSON.stringify({
    topic: record.topic,
    partition: record.partition,
    offset: jsonInteger(record.offset),
    timestamp: jsonInteger(record.timestampMs),
    key: encodeBytes(record.key, encoding),
    value: encodeBytes(record.value, encoding),
    headers: record.headers.map((header) => ({ key: header.key, value: encodeBytes(header.value, encoding) })),
  });
}

type Piece = string | ((record: ConsumedRecord) => string);

function headersText(headers: RecordHeaderValue[], encoding: BytesEncoding): string {
  return headers.map((header) => `${header.key}=${encodeBytes(header.value, encoding) ?? ''}`).join(',');
}

function placeholder(letter: string, encoding: BytesEncoding): Piece {
  switch (letter) {
    case 'T':
      return (record) => record.topic;
    case 'p':
      return (record) => String(record.partition);
    case 'o':
      return (record) => record.offset.toString();
    case 't':
      return (record) => record.timestampMs.toString();
    case 'k':
      return (record) => encodeBytes(record.key, encoding) ?? '';
    case 'v':
      return (record) => encodeBytes(record.value, encoding) ?? '';
    case 'h':
      return (record) => headersText(record.headers, encoding);
    case 'K':
      return (record) => (record.key === null ? '-1' : String(record.key.byteLength));
    case 'V':
      return (record) => (record.value === null ? '-1' : String(record.value.byteLength));
    case '%':
      return '%';
    default:
      throw new CliError('INVALID_ARGUMENT', `--format has an unknown placeholder '%${letter}' (known: %k %v %p %o %t %h %T %K %V %%)`);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** Compiles a template once; the returned function renders one record, newline included. */
export function compileRecordTemplate(template: string, encoding: BytesEncoding): (record: ConsumedRecord) => string {
  const pieces: Piece[] = [];
  let literal = '';
  for (let index = 0; index < template.length; index++) {
    const char = template[index] as string;
    const next = template[index + 1];
    if ((char === '%' || char === '\\') && next === undefined) {
      throw new CliError('INVALID_ARGUMENT', `--format ends with a lone '${char}'`);
    }
    if (char === '\\' && next !== undefined && next in ESCAPES) {
      literal += ESCAPES[next];
      index++;
    } else if (char === '%' && next !== undefined) {
      const piece = placeholder(next, encoding);
      if (typeof piece === 'string') literal += piece;
      else {
        if (literal) pieces.push(literal);
        literal = '';
        pieces.push(piece);
      }
      index++;
    } else {
      literal += char;
    }
  }
  if (!literal.endsWith('\n')) literal += '\n';
  pieces.push(literal);
  return (record) => {
    let out = '';
    for (const piece of pieces) out += typeof piece === 'string' ? piece : piece(record);
    return out;
  };
}
