// Which segments retention deletes: Kafka's three passes in order (time, size, log start offset),
// each a prefix of the oldest, never the active (last) segment.
import { describe, expect, it } from 'vitest';
import { countSegmentsToDelete, type RetentionSegment } from './log-retention.js';

const segment = (sizeBytes: number, nextOffset: number, maxTimestamp: number): RetentionSegment => ({ sizeBytes, nextOffset, maxTimestamp });
const keepAll = { now: 10_000, retentionMs: -1, retentionBytes: -1, logStartOffset: 0 };

describe('countSegmentsToDelete', () => {
  it('deletes the prefix of segments older than retentionMs, stopping at the first young one', () => {
    const segments = [segment(10, 10, 1000), segment(10, 20, 8000), segment(10, 30, 2000), segment(10, 40, 0)];
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionMs: 5000 })).toBe(1);
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionMs: 1000 })).toBe(3);
  });

  it('never deletes the active segment, however old', () => {
    expect(countSegmentsToDelete([segment(10, 10, 0)], { ...keepAll, retentionMs: 1 })).toBe(0);
  });

  it('deletes oldest segments while the rest still holds at least retentionBytes', () => {
    const segments = [segment(100, 10, 0), segment(100, 20, 0), segment(100, 30, 0), segment(50, 40, 0)];
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionBytes: 150 })).toBe(2);
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionBytes: 151 })).toBe(1);
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionBytes: 0 })).toBe(3);
  });

  it('deletes segments wholly below the log start offset, after the other passes', () => {
    const segments = [segment(10, 10, 9000), segment(10, 20, 9000), segment(10, 30, 9000)];
    expect(countSegmentsToDelete(segments, { ...keepAll, logStartOffset: 19 })).toBe(1);
    expect(countSegmentsToDelete(segments, { ...keepAll, logStartOffset: 20 })).toBe(2);
    expect(countSegmentsToDelete(segments, { ...keepAll, retentionMs: 5000, logStartOffset: 10 })).toBe(1);
  });
});
