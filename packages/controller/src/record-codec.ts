// The serialization of metadata records: the payload of one Raft entry is one batch of records.
//
// Layout (documented once, here): byte 0 is the codec version (1); the rest is UTF-8 JSON of
// `{"records":[...]}` with object keys sorted at every level, so the same records always give
// the same bytes on every node. Numbers are safe integers (broker ids, epochs, offsets, producer
// ids; see ProducerIdsBlockRecord); there are no bigints, so JSON needs no bigint-as-string
// convention. Topic ids are 32 hex characters. Decoding checks every field's type and the
// record's `type` and `version`, so a corrupt or foreign payload gives a RecordDecodeError, never
// a half-valid record.

import { RECORD_TYPES, RESERVED_RECORD_TYPES } from './records.js';
import type { MetadataRecord, MetadataRecordType } from './records.js';

export const RECORD_CODEC_VERSION = 1;
/** A single entry's payload limit; a batch beyond it is a programmer error in the handler. */
export const RECORD_BATCH_BYTES_MAX = 8 * 1024 * 1024;

export class RecordDecodeError extends Error {
  constructor(detail: string) {
    super(`metadata record decode: ${detail}`);
    this.name = 'RecordDecodeError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Canonical JSON: sorted keys, no whitespace, `undefined` fields omitted. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function encodeRecords(records: readonly MetadataRecord[]): Uint8Array {
  const body = encoder.encode(canonicalJson({ records }));
  const out = new Uint8Array(body.length + 1);
  out[0] = RECORD_CODEC_VERSION;
  out.set(body, 1);
  if (out.length > RECORD_BATCH_BYTES_MAX) throw new RangeError(`record batch of ${out.length} bytes exceeds ${RECORD_BATCH_BYTES_MAX}`);
  return out;
}

export function decodeRecords(bytes: Uint8Array): MetadataRecord[] {
  if (bytes.length < 2 || bytes.length > RECORD_BATCH_BYTES_MAX) throw new RecordDecodeError(`bad length ${bytes.length}`);
  if (bytes[0] !== RECORD_CODEC_VERSION) throw new RecordDecodeError(`unknown codec version ${bytes[0]}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes.subarray(1)));
  } catch (cause) {
    throw new RecordDecodeError(`not UTF-8 JSON (${(cause as Error).message})`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed['records'])) throw new RecordDecodeError('no records array');
  return parsed['records'].map((r, i) => validateRecord(r, i));
}

// Field kinds: 'int' (safe integer), 'str', 'bool', 'ints' (array of safe integers),
// 'listeners', 'resource'; a trailing '?' marks optional, '|null' nullable.
const SCHEMAS: Record<MetadataRecordType, Record<string, string>> = {
  RegisterBroker: { brokerId: 'int', incarnationId: 'str', listeners: 'listeners', rack: 'str|null' },
  UnregisterBroker: { brokerId: 'int', brokerEpoch: 'int' },
  FenceBroker: { brokerId: 'int', brokerEpoch: 'int' },
  UnfenceBroker: { brokerId: 'int', brokerEpoch: 'int' },
  BrokerRegistrationChange: { brokerId: 'int', brokerEpoch: 'int', fenced: 'bool?', inControlledShutdown: 'bool?' },
  Topic: { name: 'str', topicId: 'topicId' },
  Partition: { topicId: 'topicId', partition: 'int', replicas: 'ints', isr: 'ints', leader: 'int', leaderEpoch: 'int', partitionEpoch: 'int' },
  PartitionChange: { topicId: 'topicId', partition: 'int', isr: 'ints?', leader: 'int?', replicas: 'ints?' },
  RemoveTopic: { topicId: 'topicId' },
  Config: { resource: 'resource', key: 'str', value: 'str|null' },
  ProducerIdsBlock: { brokerId: 'int', brokerEpoch: 'int', firstProducerId: 'int', size: 'int' },
};

function validateRecord(value: unknown, index: number): MetadataRecord {
  if (!isObject(value)) throw new RecordDecodeError(`record ${index} is not an object`);
  const type = value['type'];
  if ((RESERVED_RECORD_TYPES as readonly unknown[]).includes(type)) throw new RecordDecodeError(`record ${index}: ${String(type)} is reserved for the groups issue`);
  if (typeof type !== 'string' || !(RECORD_TYPES as readonly string[]).includes(type)) throw new RecordDecodeError(`record ${index}: unknown type ${String(type)}`);
  if (value['version'] !== 0) throw new RecordDecodeError(`record ${index}: ${type} version ${String(value['version'])} unknown`);
  const schema = SCHEMAS[type as MetadataRecordType];
  for (const key of Object.keys(value)) {
    if (key !== 'type' && key !== 'version' && !(key in schema)) throw new RecordDecodeError(`record ${index}: ${type} has unknown field ${key}`);
  }
  for (const [field, kind] of Object.entries(schema)) {
    if (!fieldMatches(value[field], kind)) throw new RecordDecodeError(`record ${index}: ${type}.${field} is not ${kind}`);
  }
  return value as unknown as MetadataRecord;
}

function fieldMatches(v: unknown, kind: string): boolean {
  if (kind.endsWith('?')) return v === undefined || fieldMatches(v, kind.slice(0, -1));
  if (kind.endsWith('|null')) return v === null || fieldMatches(v, kind.slice(0, -5));
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(v);
    case 'str':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'topicId':
      return typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
    case 'ints':
      return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));
    case 'listeners':
      return Array.isArray(v) && v.every((l) => isObject(l) && typeof l['name'] === 'string' && typeof l['host'] === 'string' && Number.isSafeInteger(l['port']));
    case 'resource':
      return isObject(v) && (v['kind'] === 'topic' || v['kind'] === 'broker') && typeof v['name'] === 'string';
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
