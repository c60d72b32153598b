// The layout of the Raft log in level (README.md "Storage layout"). One database per node,
// binary keys and values; every key starts with a one-byte tag so the record kinds never mix:
//
//   0x00                    format version: u32 (1)
//   0x01 | index (u53 BE)   an entry: kind u8 (0 normal, 1 noop) | term u53 | data (the rest)
//   0x02                    hard state: term u53 | vote u32 | commit u53
//   0x03                    snapshot: index u53 | term u53 | voters (u32 count, u32 each) |
//                           learners (same) | data (u32 length, bytes)
//
// Entry keys are the tag followed by the index as 8 big-endian bytes, so level's byte order is
// index order and a range scan from (0x01, firstIndex) reads the log in order.
import type { Entry, EntryKind, HardState, Snapshot } from '@brook/raft';
import { ByteReader, ByteWriter, RaftCodecError, copyBytes } from '../binary.js';

export const STORAGE_FORMAT_VERSION = 1;

const TAG_FORMAT = 0x00;
const TAG_ENTRY = 0x01;
const TAG_HARD_STATE = 0x02;
const TAG_SNAPSHOT = 0x03;

export const FORMAT_KEY: Uint8Array = Uint8Array.of(TAG_FORMAT);
export const HARD_STATE_KEY: Uint8Array = Uint8Array.of(TAG_HARD_STATE);
export const SNAPSHOT_KEY: Uint8Array = Uint8Array.of(TAG_SNAPSHOT);

const ENTRY_KEY_BYTES = 9;
const TWO_POW_32 = 0x1_0000_0000;

export function entryKey(index: number): Uint8Array {
  const key = Buffer.allocUnsafe(ENTRY_KEY_BYTES);
  key[0] = TAG_ENTRY;
  key.writeUInt32BE(Math.floor(index / TWO_POW_32), 1);
  key.writeUInt32BE(index % TWO_POW_32, 5);
  return key;
}

/** The first key past every entry key: the upper bound of an entry range scan. */
export const ENTRY_KEY_END: Uint8Array = Uint8Array.of(TAG_ENTRY + 1);

export function decodeEntryKey(key: Uint8Array): number {
  if (key.byteLength !== ENTRY_KEY_BYTES || key[0] !== TAG_ENTRY) throw new RaftCodecError('not an entry key');
  const reader = new ByteReader(key.subarray(1));
  return reader.u53();
}

const KIND_CODES: Record<EntryKind, number> = { normal: 0, noop: 1 };

export function encodeEntryValue(entry: Entry): Uint8Array {
  const value = Buffer.allocUnsafe(9 + entry.data.byteLength);
  value[0] = KIND_CODES[entry.kind];
  value.writeUInt32BE(Math.floor(entry.term / TWO_POW_32), 1);
  value.writeUInt32BE(entry.term % TWO_POW_32, 5);
  value.set(entry.data, 9);
  return value;
}

export function decodeEntryValue(index: number, value: Uint8Array): Entry {
  const reader = new ByteReader(value.subarray(0, 9));
  const kind = decodeKind(reader.u8());
  const term = reader.u53();
  return { index, term, kind, data: copyBytes(value.subarray(9)) };
}

export function decodeKind(code: number): EntryKind {
  if (code === 0) return 'normal';
  if (code === 1) return 'noop';
  throw new RaftCodecError(`unknown entry kind ${code}`);
}

export function encodeKind(kind: EntryKind): number {
  return KIND_CODES[kind];
}

export function encodeHardState(hardState: HardState): Uint8Array {
  const writer = new ByteWriter(20);
  writer.u53(hardState.term);
  writer.u32(hardState.vote);
  writer.u53(hardState.commit);
  return writer.finish();
}

export function decodeHardState(value: Uint8Array): HardState {
  const reader = new ByteReader(value);
  const hardState = { term: reader.u53(), vote: reader.u32(), commit: reader.u53() };
  reader.end();
  return hardState;
}

export function writeSnapshot(writer: ByteWriter, snapshot: Snapshot): void {
  const { index, term, voters, learners } = snapshot.metadata;
  writer.u53(index);
  writer.u53(term);
  writer.u32(voters.length);
  for (const id of voters) writer.u32(id);
  writer.u32(learners.length);
  for (const id of learners) writer.u32(id);
  writer.bytes(snapshot.data);
}

/** Node ids in a snapshot's configuration; a bound so a hostile count cannot allocate much. */
const CONFIGURATION_NODES_MAX = 1024;

export function readSnapshot(reader: ByteReader): Snapshot {
  const index = reader.u53();
  const term = reader.u53();
  const voters = readNodeIds(reader);
  const learners = readNodeIds(reader);
  const data = reader.bytes();
  return { metadata: { index, term, voters, learners }, data };
}

function readNodeIds(reader: ByteReader): number[] {
  const count = reader.u32();
  if (count > CONFIGURATION_NODES_MAX) throw new RaftCodecError(`${count} node ids exceed ${CONFIGURATION_NODES_MAX}`);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(reader.u32());
  return ids;
}

export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const writer = new ByteWriter(64 + snapshot.data.byteLength);
  writeSnapshot(writer, snapshot);
  return writer.finish();
}

export function decodeSnapshot(value: Uint8Array): Snapshot {
  const reader = new ByteReader(value);
  const snapshot = readSnapshot(reader);
  reader.end();
  return snapshot;
}

export function encodeFormatVersion(): Uint8Array {
  const writer = new ByteWriter(4);
  writer.u32(STORAGE_FORMAT_VERSION);
  return writer.finish();
}

export function decodeFormatVersion(value: Uint8Array): number {
  const reader = new ByteReader(value);
  const version = reader.u32();
  reader.end();
  return version;
}
