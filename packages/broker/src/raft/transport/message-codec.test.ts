// The Raft frame codec: every message type round-trips exactly (property test over arbitrary
// messages), appends must carry contiguous entries, and hostile bytes give a RaftCodecError,
// never a crash or a huge allocation.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entry, Message, Snapshot } from '@brook/raft';
import { RaftCodecError } from '../binary.js';
import { decodeMessages, encodeMessages } from './message-codec.js';

const u53 = fc.maxSafeNat();
const nodeId = fc.integer({ min: 1, max: 0xffff_ffff });
const bytes = fc.uint8Array({ maxLength: 64 });
const envelope = fc.record({ from: nodeId, to: nodeId, term: u53 });

const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  metadata: fc.record({ index: u53, term: u53, voters: fc.array(nodeId, { maxLength: 5 }), learners: fc.array(nodeId, { maxLength: 3 }) }),
  data: bytes,
});

const append = fc
  .record({ prevLogIndex: fc.nat({ max: 1e12 }), prevLogTerm: u53, commit: u53, raw: fc.array(fc.record({ term: u53, noop: fc.boolean(), data: bytes }), { maxLength: 5 }) })
  .map(({ raw, ...rest }) => ({
    ...rest,
    entries: raw.map((e, i): Entry => ({ index: rest.prevLogIndex + 1 + i, term: e.term, kind: e.noop ? 'noop' : 'normal', data: e.data })),
  }));

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.tuple(envelope, fc.record({ preVote: fc.boolean(), leadershipTransfer: fc.boolean(), lastLogIndex: u53, lastLogTerm: u53 }))
    .map(([e, b]): Message => ({ type: 'vote-request', ...e, ...b })),
  fc.tuple(envelope, fc.record({ preVote: fc.boolean(), granted: fc.boolean() })).map(([e, b]): Message => ({ type: 'vote-response', ...e, ...b })),
  fc.tuple(envelope, append).map(([e, b]): Message => ({ type: 'append', ...e, ...b })),
  fc.tuple(envelope, fc.record({ reject: fc.boolean(), index: u53, conflictTerm: u53, conflictIndex: u53 }))
    .map(([e, b]): Message => ({ type: 'append-response', ...e, ...b })),
  fc.tuple(envelope, u53).map(([e, commit]): Message => ({ type: 'heartbeat', ...e, commit })),
  envelope.map((e): Message => ({ type: 'heartbeat-response', ...e })),
  fc.tuple(envelope, snapshot).map(([e, s]): Message => ({ type: 'install-snapshot', ...e, snapshot: s })),
  envelope.map((e): Message => ({ type: 'timeout-now', ...e })),
);

describe('Raft message codec', () => {
  it('round-trips any sequence of messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), (messages) => {
        expect(decodeMessages(encodeMessages(messages))).toEqual(messages);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an append whose entries are not contiguous after prevLogIndex', () => {
    const entries: Entry[] = [{ index: 7, term: 1, kind: 'normal', data: new Uint8Array(1) }];
    const bad: Message = { type: 'append', from: 1, to: 2, term: 1, prevLogIndex: 5, prevLogTerm: 1, commit: 0, entries };
    expect(() => encodeMessages([bad])).toThrow(RaftCodecError);
  });

  it('refuses truncated frames, trailing bytes, unknown versions and types', () => {
    const frame = encodeMessages([{ type: 'heartbeat', from: 1, to: 2, term: 3, commit: 4 }]);
    for (let cut = 0; cut < frame.length; cut++) expect(() => decodeMessages(frame.subarray(0, cut))).toThrow(RaftCodecError);
    expect(() => decodeMessages(Buffer.concat([frame, Buffer.of(0)]))).toThrow(/trailing/);
    expect(() => decodeMessages(Buffer.concat([Buffer.of(9), frame.subarray(1)]))).toThrow(/format/);
    const unknownType = Buffer.from(frame);
    unknownType[5] = 42;
    expect(() => decodeMessages(unknownType)).toThrow(/unknown message type/);
  });

  it('gives a RaftCodecError for arbitrary bytes, never another failure', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        try {
          decodeMessages(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(RaftCodecError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
