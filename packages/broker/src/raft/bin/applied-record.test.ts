// The raft-node test state machine: its digest depends on every applied entry and their order,
// and a record restored from a snapshot then fed the rest ends equal to one fed everything.
import { describe, expect, it } from 'vitest';
import type { Entry } from '@brook/raft';
import { AppliedRecord } from './applied-record.js';

const entries: Entry[] = Array.from({ length: 50 }, (_, i) => ({ index: i + 1, term: 1 + Math.floor(i / 20), kind: 'normal', data: Uint8Array.of(i, i * 7) }));

function recordOf(list: readonly Entry[]): AppliedRecord {
  const record = new AppliedRecord();
  record.apply(list);
  return record;
}

describe('AppliedRecord', () => {
  it('restored from a snapshot, then fed the rest, equals one fed everything', () => {
    const whole = recordOf(entries);
    const restored = new AppliedRecord();
    restored.restore(recordOf(entries.slice(0, 30)).encode());
    restored.apply(entries.slice(30));
    expect(restored.summary()).toEqual(whole.summary());
    expect(whole.summary()).toMatchObject({ count: 50, lastIndex: 50 });
  });

  it('tells apart a different term, a different payload and a missing entry', () => {
    const digest = recordOf(entries).summary().digest;
    const otherTerm = entries.map((e) => (e.index === 25 ? { ...e, term: 9 } : e));
    const otherData = entries.map((e) => (e.index === 25 ? { ...e, data: Uint8Array.of(1) } : e));
    expect(recordOf(otherTerm).summary().digest).not.toBe(digest);
    expect(recordOf(otherData).summary().digest).not.toBe(digest);
    expect(recordOf(entries.filter((e) => e.index !== 25)).summary().digest).not.toBe(digest);
  });

  it('refuses an entry applied twice or out of order', () => {
    const record = recordOf(entries.slice(0, 3));
    expect(() => record.apply([entries[1] as Entry])).toThrow(/applied after/);
  });
});
