// Decoders for the contract's messages, compiled once per message type from the same .proto files,
// that produce exactly what @grpc/proto-loader's deserializers produce (PROTO_LOADER_OPTIONS:
// camelCase names, int64 as decimal strings, enum names, defaults, oneof virtual fields), in one
// pass over the bytes. proto-loader decodes into protobufjs message objects, with a Long object
// per int64, and then converts them with toObject into a second set of objects; on the produce,
// fetch and replication streams that was about a seventh of a broker's CPU.
//
// Each message type gets a generated function (as protobufjs itself generates its decoders) that
// starts from an object literal of the defaults, in protobufjs's key order (repeated fields, then
// maps, then the rest, in field-number order), and switches on the tag. Field types outside what
// the contract uses (fixed, sint, float, double, oneofs of several members, maps with non-string
// keys) are refused at compile time, and installMessageDecoders then keeps proto-loader's decoder
// for that method. message-decoders.test.ts compares every message type with proto-loader's output
// on seeded random messages.
import protobuf from 'protobufjs';
import type { PackageDefinition } from '@grpc/proto-loader';

interface Reader {
  buf: Buffer;
  pos: number;
  len: number;
  /** The high 32 bits of the last int64 read (readLongBits). */
  hi: number;
}

export type MessageDecoder = (bytes: Buffer) => Record<string, unknown>;

function outOfRange(reader: Reader): RangeError {
  return new RangeError(`protobuf: read past the end of a ${reader.len}-byte message (at ${reader.pos})`);
}

/** A varint's low 32 bits, unsigned; consumes all of it (up to 10 bytes). */
function readVarint32(reader: Reader): number {
  const buf = reader.buf;
  let pos = reader.pos;
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = buf[pos++]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      if (pos > reader.len) throw outOfRange(reader);
      reader.pos = pos;
      return value >>> 0;
    }
  }
  for (let extra = 0; extra < 5; extra++) {
    const byte = buf[pos++]!;
    if (byte < 0x80) {
      if (pos > reader.len) throw outOfRange(reader);
      reader.pos = pos;
      return value >>> 0;
    }
  }
  if (pos > reader.len) throw outOfRange(reader);
  throw new RangeError(`protobuf: varint longer than 10 bytes at ${reader.pos}`);
}

/** A varint's 64 bits: returns the low 32 (unsigned), leaves the high 32 in reader.hi. */
function readLongBits(reader: Reader): number {
  const buf = reader.buf;
  let pos = reader.pos;
  let lo = 0;
  let hi = 0;
  let byte = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    byte = buf[pos++]!;
    lo = (lo | ((byte & 0x7f) << shift)) >>> 0;
    if (byte < 0x80) return finishLong(reader, pos, lo, hi);
  }
  byte = buf[pos++]!;
  lo = (lo | ((byte & 0x7f) << 28)) >>> 0;
  hi = (byte & 0x7f) >> 4;
  if (byte < 0x80) return finishLong(reader, pos, lo, hi);
  for (let shift = 3; shift < 38; shift += 7) {
    byte = buf[pos++]!;
    hi = (hi | ((byte & 0x7f) << shift)) >>> 0;
    if (byte < 0x80) return finishLong(reader, pos, lo, hi);
  }
  if (pos > reader.len) throw outOfRange(reader);
  throw new RangeError(`protobuf: varint longer than 10 bytes at ${reader.pos}`);
}

function finishLong(reader: Reader, pos: number, lo: number, hi: number): number {
  if (pos > reader.len) throw outOfRange(reader);
  reader.pos = pos;
  reader.hi = hi;
  return lo;
}

const TWO_POW_32 = 4294967296;

function int64String(reader: Reader): string {
  const lo = readLongBits(reader);
  const hi = reader.hi;
  if (hi <= 0x1fffff) return String(hi * TWO_POW_32 + lo);
  // -2^53 .. -1 (offsets' -1 sentinel among them) are exact as numbers too.
  if (hi >= 0xffe00000) return String((hi | 0) * TWO_POW_32 + lo);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
}

function uint64String(reader: Reader): string {
  const lo = readLongBits(reader);
  const hi = reader.hi;
  if (hi <= 0x1fffff) return String(hi * TWO_POW_32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** The end of a length-delimited field whose length comes next. */
function readEnd(reader: Reader): number {
  const length = readVarint32(reader);
  const end = reader.pos + length;
  if (end > reader.len) throw outOfRange(reader);
  return end;
}

function readString(reader: Reader): string {
  const end = readEnd(reader);
  const text = reader.buf.toString('utf8', reader.pos, end);
  reader.pos = end;
  return text;
}

function readBytes(reader: Reader): Buffer {
  const end = readEnd(reader);
  // A view, as protobufjs's BufferReader gives (grpc-js hands each message its own buffer).
  const bytes = reader.pos === end ? Buffer.alloc(0) : reader.buf.subarray(reader.pos, end);
  reader.pos = end;
  return bytes;
}

function skipField(reader: Reader, wireType: number): void {
  switch (wireType) {
    case 0:
      readLongBits(reader);
      return;
    case 1:
      reader.pos += 8;
      break;
    case 2:
      reader.pos = readEnd(reader);
      return;
    case 5:
      reader.pos += 4;
      break;
    default:
      throw new RangeError(`protobuf: unsupported wire type ${wireType} at ${reader.pos}`);
  }
  if (reader.pos > reader.len) throw outOfRange(reader);
}

/** Thrown at compile time for a field type the generated decoders do not handle. */
export class UnsupportedFieldError extends Error {}

/** An enum value's name, or its number when the contract does not name it (as protobufjs's toObject). */
function enumName(valuesById: Record<number, string>, value: number): string | number {
  return valuesById[value] ?? value;
}

const HELPERS = { readVarint32, readLongBits, int64String, uint64String, readEnd, readString, readBytes, skipField, enumName };
type Helpers = typeof HELPERS;

interface Compiled {
  /** Generated source of every message function, keyed by type full name. */
  readonly functions: Map<string, { index: number; source: string }>;
  readonly enums: unknown[];
}

const SCALAR_WIRE: Record<string, number> = { int32: 0, uint32: 0, int64: 0, uint64: 0, bool: 0, string: 2, bytes: 2 };

function scalarRead(type: string, reader = 'r'): string {
  switch (type) {
    case 'int32':
      return `(h.readVarint32(${reader}) | 0)`;
    case 'uint32':
      return `h.readVarint32(${reader})`;
    case 'int64':
      return `h.int64String(${reader})`;
    case 'uint64':
      return `h.uint64String(${reader})`;
    case 'bool':
      return `(h.readVarint32(${reader}) !== 0)`; // protobufjs reads a bool from the low 32 bits
    case 'string':
      return `h.readString(${reader})`;
    case 'bytes':
      return `h.readBytes(${reader})`;
    default:
      throw new UnsupportedFieldError(`field type ${type}`);
  }
}

function scalarDefault(type: string): string {
  switch (type) {
    case 'int32':
    case 'uint32':
      return '0';
    case 'int64':
    case 'uint64':
      return '"0"';
    case 'bool':
      return 'false';
    case 'string':
      return '""';
    case 'bytes':
      return 'Buffer.alloc(0)';
    default:
      throw new UnsupportedFieldError(`field type ${type}`);
  }
}

function compileType(type: protobuf.Type, compiled: Compiled): number {
  const name = type.fullName;
  const existing = compiled.functions.get(name);
  if (existing !== undefined) return existing.index;
  const index = compiled.functions.size;
  const entry = { index, source: '' };
  compiled.functions.set(name, entry);

  const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of fields) field.resolve();
  for (const oneof of type.oneofsArray) {
    if (oneof.fieldsArray.length !== 1) throw new UnsupportedFieldError(`${name}: oneof ${oneof.name} has ${oneof.fieldsArray.length} members`);
  }
  const key = (field: protobuf.Field): string => JSON.stringify(field.name);
  const enumRef = (values: protobuf.Enum): number => {
    compiled.enums.push(values.valuesById);
    return compiled.enums.length - 1;
  };
  const enumName = (ref: number, value: string): string => `h.enumName(e[${ref}], ${value})`;

  // Defaults, in the order protobufjs's toObject creates them.
  const defaults: string[] = [];
  for (const field of fields) if (field.repeated) defaults.push(`${key(field)}: []`);
  for (const field of fields) if (field.map) defaults.push(`${key(field)}: {}`);
  for (const field of fields) {
    if (field.repeated || field.map || field.partOf !== null) continue;
    if (field.resolvedType instanceof protobuf.Type) defaults.push(`${key(field)}: null`);
    else if (field.resolvedType instanceof protobuf.Enum) defaults.push(`${key(field)}: ${JSON.stringify(field.resolvedType.valuesById[field.typeDefault as number] ?? field.typeDefault)}`);
    else defaults.push(`${key(field)}: ${scalarDefault(field.type)}`);
  }

  const cases: string[] = [];
  for (const field of fields) {
    const target = `m[${key(field)}]`;
    const resolved = field.resolvedType;
    if (field.map) {
      const map = field as unknown as protobuf.MapField;
      if (map.keyType !== 'string') throw new UnsupportedFieldError(`${name}.${field.name}: map key ${map.keyType}`);
      let valueRead: string;
      let valueDefault: string;
      if (resolved instanceof protobuf.Type) {
        valueRead = `d${compileType(resolved, compiled)}(r, h.readEnd(r))`;
        valueDefault = 'null';
      } else if (resolved instanceof protobuf.Enum) {
        const ref = enumRef(resolved);
        valueRead = enumName(ref, 'h.readVarint32(r) | 0');
        valueDefault = JSON.stringify(resolved.valuesById[0] ?? 0);
      } else {
        valueRead = scalarRead(field.type);
        valueDefault = scalarDefault(field.type);
      }
      const valueWire = resolved instanceof protobuf.Type ? 2 : resolved instanceof protobuf.Enum ? 0 : SCALAR_WIRE[field.type]!;
      cases.push(
        `case ${(field.id << 3) | 2}: { const end = h.readEnd(r); let k = ""; let v = ${valueDefault};` +
          ` while (r.pos < end) { const t = h.readVarint32(r); if (t === 10) k = h.readString(r); else if (t === ${(2 << 3) | valueWire}) v = ${valueRead}; else h.skipField(r, t & 7); }` +
          ` if (r.pos !== end) throw new RangeError("protobuf: map entry overran its length"); ${target}[k] = v; break; }`,
      );
      continue;
    }
    let read: string;
    let wire: number;
    if (resolved instanceof protobuf.Type) {
      read = `d${compileType(resolved, compiled)}(r, h.readEnd(r))`;
      wire = 2;
    } else if (resolved instanceof protobuf.Enum) {
      read = enumName(enumRef(resolved), 'h.readVarint32(r) | 0');
      wire = 0;
    } else {
      read = scalarRead(field.type);
      wire = SCALAR_WIRE[field.type]!;
    }
    if (field.repeated) {
      cases.push(`case ${(field.id << 3) | wire}: ${target}.push(${read}); break;`);
      if (wire === 0) {
        // Packed (proto3's default for repeated scalars) as well as unpacked.
        cases.push(`case ${(field.id << 3) | 2}: { const end = h.readEnd(r); while (r.pos < end) ${target}.push(${read}); if (r.pos !== end) throw new RangeError("protobuf: packed field overran its length"); break; }`);
      }
      continue;
    }
    const oneof = field.partOf === null ? '' : ` m[${JSON.stringify(field.partOf.name)}] = ${key(field)};`;
    cases.push(`case ${(field.id << 3) | wire}: ${target} = ${read};${oneof} break;`);
  }

  entry.source =
    `function d${index}(r, end) {\n` +
    `  const m = { ${defaults.join(', ')} };\n` +
    `  while (r.pos < end) {\n` +
    `    const t = h.readVarint32(r);\n` +
    `    switch (t) {\n      ${cases.join('\n      ')}\n      default: if (t >>> 3 === 0) throw new RangeError("protobuf: field number 0 at " + r.pos); h.skipField(r, t & 7);\n    }\n` +
    `  }\n` +
    `  if (r.pos !== end) throw new RangeError("protobuf: a field overran its message at " + r.pos);\n` +
    `  return m;\n}`;
  return index;
}

/** The decoder of `type` (a resolved protobufjs message type); throws UnsupportedFieldError. */
export function compileMessageDecoder(type: protobuf.Type): MessageDecoder {
  const compiled: Compiled = { functions: new Map(), enums: [] };
  const root = compileType(type, compiled);
  const sources = [...compiled.functions.values()].map((entry) => entry.source).join('\n');
  // Generated from the .proto files, as protobufjs generates its own decoders.
  const factory = new Function('h', 'e', 'Buffer', `${sources}\nreturn d${root};`) as (helpers: Helpers, enums: unknown[], buffer: typeof Buffer) => (reader: Reader, end: number) => Record<string, unknown>;
  const decode = factory(HELPERS, compiled.enums, Buffer);
  const decoder: MessageDecoder = (bytes) => {
    const reader: Reader = { buf: bytes, pos: 0, len: bytes.length, hi: 0 };
    return decode(reader, bytes.length);
  };
  compiledDecoders.add(decoder);
  return decoder;
}

const compiledDecoders = new WeakSet<object>();

/** Whether `deserializer` is a compiled decoder (tests check the installed methods with it). */
export function isCompiledDecoder(deserializer: unknown): boolean {
  return typeof deserializer === 'function' && compiledDecoders.has(deserializer);
}

/** The .proto files as protobufjs types, with proto-loader's field naming (camelCase). */
export function loadProtobufRoot(files: readonly string[], includeDir: string): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : `${includeDir}/${target}`);
  root.loadSync([...files], { keepCase: false });
  root.resolveAll();
  return root;
}

interface MethodLike {
  path: string;
  requestDeserialize: (bytes: Buffer) => unknown;
  responseDeserialize: (bytes: Buffer) => unknown;
}

/**
 * Replaces the request and response deserializers of every method in `definition` with compiled
 * decoders for the same types, looked up in `root` by the method's path. A type the decoders do
 * not support keeps proto-loader's deserializer. Returns the number of deserializers replaced.
 */
export function installMessageDecoders(definition: PackageDefinition, root: protobuf.Root): number {
  const cache = new Map<string, MessageDecoder | null>();
  const decoderFor = (type: protobuf.Type): MessageDecoder | null => {
    let decoder = cache.get(type.fullName);
    if (decoder === undefined) {
      try {
        decoder = compileMessageDecoder(type);
      } catch (error) {
        if (!(error instanceof UnsupportedFieldError)) throw error;
        decoder = null;
      }
      cache.set(type.fullName, decoder);
    }
    return decoder;
  };
  let replaced = 0;
  for (const [serviceName, service] of Object.entries(definition)) {
    if ('format' in service) continue; // a message or enum type, not a service
    const reflected = root.lookupService(serviceName);
    for (const [methodName, method] of Object.entries(service as unknown as Record<string, MethodLike>)) {
      const reflectedMethod = reflected.methods[methodName];
      // Invariant: the definition and the root come from the same .proto files.
      if (reflectedMethod === undefined) throw new Error(`installMessageDecoders: ${serviceName}.${methodName} is not in the protobufjs root`);
      const request = decoderFor(reflectedMethod.resolvedRequestType!);
      const response = decoderFor(reflectedMethod.resolvedResponseType!);
      if (request !== null) {
        method.requestDeserialize = request;
        replaced++;
      }
      if (response !== null) {
        method.responseDeserialize = response;
        replaced++;
      }
    }
  }
  return replaced;
}
