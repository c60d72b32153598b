// The compiled decoders give exactly what proto-loader's deserializers give (protobufjs decode then
// toObject with PROTO_LOADER_OPTIONS), key order included, for every message type of the contract
// on seeded random messages (negative and 64-bit integers, unknown enum numbers, unicode, empty and
// absent fields, proto3 optional, maps, nesting); they read unpacked repeated scalars and skip
// unknown fields as protobufjs does; a truncated message either decodes as protobufjs decodes it or
// is refused with a RangeError, never read past its end; and every method of the contract gets them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { loadSync } from '@grpc/proto-loader';
import { BROOK_PROTO_FILES, loadBrookPackageDefinition, PROTO_LOADER_OPTIONS, resolveProtoDir } from './loader.js';
import { compileMessageDecoder, installMessageDecoders, isCompiledDecoder, loadProtobufRoot, UnsupportedFieldError } from './message-decoders.js';

const SEED = 20261207;
const root = loadProtobufRoot(BROOK_PROTO_FILES, resolveProtoDir());

function messageTypes(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  const types: protobuf.Type[] = [];
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) types.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) types.push(...messageTypes(nested));
  }
  return types;
}

const INT32S = [0, 1, -1, 127, 128, 300, 2 ** 31 - 1, -(2 ** 31), 16384, -300];
const INT64S = ['0', '1', '-1', '-2', '-9007199254740992', '-9007199254740991', '-4294967295', '300', '9007199254740991', '9007199254740993', '-9007199254740993', '9223372036854775807', '-9223372036854775808', '4294967296', '2097151', '2097152', '-4294967296'];
const UINT64S = ['0', '1', '300', '9007199254740993', '18446744073709551615', '4294967295', '4294967296'];
const STRINGS = ['', 'a', 'orders', 'ünïcode-тема-键', 'x'.repeat(200), '\u0000 nul'];

function scalarArbitrary(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'int32':
      return fc.oneof(fc.constantFrom(...INT32S), fc.integer());
    case 'uint32':
      return fc.oneof(fc.constantFrom(0, 1, 300, 2 ** 31, 2 ** 32 - 1), fc.nat());
    case 'int64':
      return fc.oneof(fc.constantFrom(...INT64S), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String));
    case 'uint64':
      return fc.oneof(fc.constantFrom(...UINT64S), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String));
    case 'bool':
      return fc.boolean();
    case 'string':
      return fc.oneof(fc.constantFrom(...STRINGS), fc.string({ unit: 'grapheme', maxLength: 20 }));
    case 'bytes':
      return fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes));
    default:
      throw new Error(`no arbitrary for ${type}`);
  }
}

function valueArbitrary(field: protobuf.Field, depth: number): fc.Arbitrary<unknown> {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return messageArbitrary(resolved, depth + 1);
  // Unknown enum numbers too: they decode to the number.
  if (resolved instanceof protobuf.Enum) return fc.oneof(fc.constantFrom(...Object.values(resolved.values)), fc.integer({ min: 1000, max: 1010 }));
  return scalarArbitrary(field.type);
}

/** Objects of `type` with any subset of its fields set (nested messages cut at depth 4). */
function messageArbitrary(type: protobuf.Type, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of type.fieldsArray) {
    field.resolve();
    if (depth > 3 && field.resolvedType instanceof protobuf.Type) continue;
    const single = valueArbitrary(field, depth);
    fields[field.name] = field.map ? fc.dictionary(fc.string({ maxLength: 8 }), single, { maxKeys: 3 }) : field.repeated ? fc.array(single, { maxLength: 3 }) : single;
  }
  return fc.record(fields, { requiredKeys: [] });
}

const reference = (type: protobuf.Type, bytes: Uint8Array): unknown => type.toObject(type.decode(bytes), PROTO_LOADER_OPTIONS);
const types = messageTypes(root);

describe('compiled message decoders', () => {
  it(`decode every message type as proto-loader does (seed ${SEED})`, () => {
    expect(types.length).toBeGreaterThan(60);
    let compared = 0;
    for (const type of types) {
      const decode = compileMessageDecoder(type);
      fc.assert(
        fc.property(messageArbitrary(type), (message) => {
          const bytes = Buffer.from(type.encode(type.fromObject(message)).finish());
          const expected = reference(type, bytes);
          const actual = decode(bytes);
          expect(actual, type.fullName).toEqual(expected);
          expect(JSON.stringify(actual), `${type.fullName} key order`).toBe(JSON.stringify(expected));
          compared++;
        }),
        { seed: SEED, numRuns: 40 },
      );
    }
    expect(compared).toBe(types.length * 40);
  });

  it('agree with the deserializers proto-loader builds for the services', () => {
    const original = loadSync([...BROOK_PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [resolveProtoDir()] });
    const produce = root.lookupType('brook.v1.ProduceStreamRequest');
    const message = { correlationId: '9007199254740993', request: { acks: -1, timeoutMs: 5, topics: [{ name: 't', partitions: [{ partition: 2, records: Buffer.from('abc'), leaderEpoch: 0 }] }] } };
    const bytes = Buffer.from(produce.encode(produce.fromObject(message)).finish());
    const method = (original['brook.v1.BrookClient'] as unknown as Record<string, { requestDeserialize: (b: Buffer) => unknown }>)['ProduceStream']!;
    const expected = method.requestDeserialize(bytes);
    expect(compileMessageDecoder(produce)(bytes)).toEqual(expected);
    expect(expected).toMatchObject({ request: { _acks: 'acks', acks: -1, topics: [{ partitions: [{ _leaderEpoch: 'leaderEpoch', leaderEpoch: 0 }] }] } });
    // acks left unset stays absent, not 0 (acks=0 would mean no durability at all).
    const unset = Buffer.from(produce.encode(produce.fromObject({ correlationId: 1, request: { timeoutMs: 5 } })).finish());
    const decoded = compileMessageDecoder(produce)(unset) as { request: Record<string, unknown> };
    expect('acks' in decoded.request).toBe(false);
    expect(decoded).toEqual(method.requestDeserialize(unset));
  });

  it('read unpacked repeated scalars and skip unknown fields of every wire type', () => {
    const type = root.lookupType('brook.v1.ReplicaFetchRequest');
    const decode = compileMessageDecoder(type);
    const [sample] = fc.sample(messageArbitrary(type), { seed: SEED, numRuns: 1 });
    const known = Buffer.from(type.encode(type.fromObject(sample!)).finish());
    const unknown = Buffer.from([
      (15 << 3) | 0, 0x96, 0x01, // varint
      (14 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8, // fixed64
      (13 << 3) | 2, 3, 0x61, 0x62, 0x63, // length-delimited
      (12 << 3) | 5, 1, 2, 3, 4, // fixed32
    ]);
    const bytes = Buffer.concat([unknown, known, unknown]);
    expect(decode(bytes)).toEqual(reference(type, bytes));

    const withList = messageTypes(root).find((candidate) => candidate.fieldsArray.some((field) => field.repeated && field.type === 'int32'))!;
    const listField = withList.fieldsArray.find((field) => field.repeated && field.type === 'int32')!;
    const tag = (listField.id << 3) | 0;
    const unpacked = Buffer.from([tag, 1, tag, 0xff, 0xff, 0xff, 0xff, 0x0f, tag, 3]);
    const decoded = compileMessageDecoder(withList)(unpacked);
    expect(decoded[listField.name]).toEqual([1, -1, 3]);
    expect(decoded).toEqual(reference(withList, unpacked));
  });

  it('never read past the end of a truncated message', () => {
    const type = root.lookupType('brook.v1.ReplicaFetchResponse');
    const decode = compileMessageDecoder(type);
    const message = { partitions: [{ topic: 'orders', partition: 2, highWatermark: '-1', logEndOffset: '9007199254740993', divergingEpoch: { epoch: 3, endOffset: 9 }, records: Buffer.alloc(40, 7) }] };
    const bytes = Buffer.from(type.encode(type.fromObject(message)).finish());
    for (let length = 0; length < bytes.length; length++) {
      // A prefix in a larger buffer: the bytes after it must not be read.
      const prefix = Buffer.concat([bytes.subarray(0, length), Buffer.alloc(64, 0xff)]).subarray(0, length);
      let expected: unknown;
      try {
        expected = reference(type, prefix);
      } catch {
        expect(() => decode(prefix), `prefix of ${length}`).toThrow(RangeError);
        continue;
      }
      let actual: unknown;
      try {
        actual = decode(prefix);
      } catch (error) {
        // protobufjs reads some overruns of a nested length silently; refusing them is stricter.
        expect(error, `prefix of ${length}`).toBeInstanceOf(RangeError);
        continue;
      }
      expect(actual, `prefix of ${length}`).toEqual(expected);
    }
  });

  it('refuse field types they do not compile, so the caller keeps protobufjs', () => {
    const parsed = protobuf.parse('syntax = "proto3"; message F { fixed64 a = 1; } message S { oneof o { int32 a = 1; string b = 2; } }', { keepCase: false }).root;
    parsed.resolveAll();
    expect(() => compileMessageDecoder(parsed.lookupType('F'))).toThrow(UnsupportedFieldError);
    expect(() => compileMessageDecoder(parsed.lookupType('S'))).toThrow(UnsupportedFieldError);
  });

  it('replace every deserializer of the contract', () => {
    const definition = loadSync([...BROOK_PROTO_FILES], { ...PROTO_LOADER_OPTIONS, includeDirs: [resolveProtoDir()] });
    const methods = Object.values(definition).filter((entry) => !('format' in entry)).flatMap((service) => Object.keys(service));
    expect(methods.length).toBeGreaterThan(10);
    expect(installMessageDecoders(definition, root)).toBe(methods.length * 2);
    // The process-wide definition has them already.
    const shared = loadBrookPackageDefinition();
    for (const service of Object.values(shared).filter((entry) => !('format' in entry))) {
      for (const method of Object.values(service as unknown as Record<string, { requestDeserialize: unknown; responseDeserialize: unknown }>)) {
        expect(isCompiledDecoder(method.requestDeserialize) && isCompiledDecoder(method.responseDeserialize)).toBe(true);
      }
    }
  });
});
