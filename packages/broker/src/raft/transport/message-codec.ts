// The compact binary encoding of Raft messages carried in a RaftFrame's `messages` bytes
// (proto/brook/v1/raft.proto). Why not one protobuf message per Raft message: with the
// protocol's loader options int64 fields decode to strings, and protobufjs builds an object per
// field; a leader streaming tens of thousands of entries per second would spend its CPU there.
// One bytes field per frame, decoded here with bounds checks; entries' data are views of it.
//
// Layout, big-endian, integers "u53" as 8 bytes (binary.ts):
//   frame   := version u8 (1) | count u32 | message*
//   message := type u8 | from u32 | to u32 | term u53 | body
//   bodies  :
//     1 vote-request       flags u8 (1 pre-vote, 2 leadership transfer) | lastLogIndex u53 | lastLogTerm u53
//     2 vote-response      flags u8 (1 pre-vote, 2 granted)
//     3 append             prevLogIndex u53 | prevLogTerm u53 | commit u53 | count u32 |
//                          (term u53 | kind u8 | data bytes)*   entry i has index prevLogIndex + 1 + i
//     4 append-response    reject u8 | index u53 | conflictTerm u53 | conflictIndex u53
//     5 heartbeat          commit u53
//     6 heartbeat-response (empty)
//     7 install-snapshot   snapshot (storage-codec.ts writeSnapshot)
//     8 timeout-now        (empty)
import type { Entry, Message, MessageType } from '@brook/raft';
import { ByteReader, ByteWriter, RaftCodecError } from '../binary.js';
import { decodeKind, encodeKind, readSnapshot, writeSnapshot } from '../storage/storage-codec.js';

export const FRAME_FORMAT_VERSION = 1;

/** Bounds checked before allocating while decoding a frame from a peer. */
export const FRAME_MESSAGES_MAX = 1_000_000;
export const APPEND_ENTRIES_MAX = 1_000_000;

const TYPE_CODES: Record<MessageType, number> = {
  'vote-request': 1,
  'vote-response': 2,
  append: 3,
  'append-response': 4,
  heartbeat: 5,
  'heartbeat-response': 6,
  'install-snapshot': 7,
  'timeout-now': 8,
};

export function encodeMessages(messages: readonly Message[]): Buffer {
  let bytes = 16;
  for (const message of messages) {
    bytes += 32;
    if (message.type === 'append') for (const entry of message.entries) bytes += 24 + entry.data.byteLength;
    if (message.type === 'install-snapshot') bytes += 64 + message.snapshot.data.byteLength;
  }
  const writer = new ByteWriter(bytes);
  writer.u8(FRAME_FORMAT_VERSION);
  writer.u32(messages.length);
  for (const message of messages) writeMessage(writer, message);
  return writer.finish();
}

function writeMessage(writer: ByteWriter, message: Message): void {
  writer.u8(TYPE_CODES[message.type]);
  writer.u32(message.from);
  writer.u32(message.to);
  writer.u53(message.term);
  switch (message.type) {
    case 'vote-request':
      writer.u8((message.preVote ? 1 : 0) | (message.leadershipTransfer ? 2 : 0));
      writer.u53(message.lastLogIndex);
      writer.u53(message.lastLogTerm);
      return;
    case 'vote-response':
      writer.u8((message.preVote ? 1 : 0) | (message.granted ? 2 : 0));
      return;
    case 'append':
      writer.u53(message.prevLogIndex);
      writer.u53(message.prevLogTerm);
      writer.u53(message.commit);
      writeEntries(writer, message.prevLogIndex, message.entries);
      return;
    case 'append-response':
      writer.u8(message.reject ? 1 : 0);
      writer.u53(message.index);
      writer.u53(message.conflictTerm);
      writer.u53(message.conflictIndex);
      return;
    case 'heartbeat':
      writer.u53(message.commit);
      return;
    case 'install-snapshot':
      writeSnapshot(writer, message.snapshot);
      return;
    case 'heartbeat-response':
    case 'timeout-now':
      return;
  }
}

function writeEntries(writer: ByteWriter, prevLogIndex: number, entries: readonly Entry[]): void {
  writer.u32(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    // Invariant (§5.3): an append carries the entries right after prevLogIndex, contiguously;
    // the index is therefore not sent.
    if (entry.index !== prevLogIndex + 1 + i) {
      throw new RaftCodecError(`append entry ${entry.index} is not at ${prevLogIndex + 1 + i}`);
    }
    writer.u53(entry.term);
    writer.u8(encodeKind(entry.kind));
    writer.bytes(entry.data);
  }
}

export function decodeMessages(bytes: Uint8Array): Message[] {
  const reader = new ByteReader(bytes);
  const version = reader.u8();
  if (version !== FRAME_FORMAT_VERSION) throw new RaftCodecError(`frame format ${version}, expected ${FRAME_FORMAT_VERSION}`);
  const count = reader.u32();
  if (count > FRAME_MESSAGES_MAX) throw new RaftCodecError(`${count} messages exceed ${FRAME_MESSAGES_MAX}`);
  const messages: Message[] = [];
  for (let i = 0; i < count; i++) messages.push(readMessage(reader));
  reader.end();
  return messages;
}

function readMessage(reader: ByteReader): Message {
  const code = reader.u8();
  const envelope = { from: reader.u32(), to: reader.u32(), term: reader.u53() };
  switch (code) {
    case 1: {
      const flags = reader.u8();
      return { type: 'vote-request', ...envelope, preVote: (flags & 1) !== 0, leadershipTransfer: (flags & 2) !== 0,
        lastLogIndex: reader.u53(), lastLogTerm: reader.u53() };
    }
    case 2: {
      const flags = reader.u8();
      return { type: 'vote-response', ...envelope, preVote: (flags & 1) !== 0, granted: (flags & 2) !== 0 };
    }
    case 3: {
      const prevLogIndex = reader.u53();
      const prevLogTerm = reader.u53();
      const commit = reader.u53();
      return { type: 'append', ...envelope, prevLogIndex, prevLogTerm, commit, entries: readEntries(reader, prevLogIndex) };
    }
    case 4:
      return { type: 'append-response', ...envelope, reject: reader.u8() !== 0, index: reader.u53(),
        conflictTerm: reader.u53(), conflictIndex: reader.u53() };
    case 5:
      return { type: 'heartbeat', ...envelope, commit: reader.u53() };
    case 6:
      return { type: 'heartbeat-response', ...envelope };
    case 7:
      return { type: 'install-snapshot', ...envelope, snapshot: readSnapshot(reader) };
    case 8:
      return { type: 'timeout-now', ...envelope };
    default:
      throw new RaftCodecError(`unknown message type ${code}`);
  }
}

function readEntries(reader: ByteReader, prevLogIndex: number): Entry[] {
  const count = reader.u32();
  if (count > APPEND_ENTRIES_MAX) throw new RaftCodecError(`${count} entries exceed ${APPEND_ENTRIES_MAX}`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const term = reader.u53();
    const kind = decodeKind(reader.u8());
    entries.push({ index: prevLogIndex + 1 + i, term, kind, data: reader.bytesView() });
  }
  return entries;
}
