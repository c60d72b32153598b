// Which sealed segments retention deletes (Kafka's UnifiedLog.deleteOldSegments): three passes,
// in Kafka's order, each deleting a prefix of the oldest segments while its rule holds, and
// never the active (last) segment:
//  1. retentionMs: the segment's newest batch timestamp is older than now - retentionMs;
//  2. retentionBytes: the log without the segment would still be at least retentionBytes;
//  3. log start offset: every offset of the segment is below the log start offset.
// Pure: it looks at sizes, offsets and timestamps and returns how many segments to delete.

export interface RetentionSegment {
  sizeBytes: number;
  nextOffset: number;
  maxTimestamp: number;
}

export interface RetentionRules {
  now: number;
  retentionMs: number;
  retentionBytes: number;
  logStartOffset: number;
}

/** How many of the oldest segments (a prefix of `segments`, never the last) to delete. */
export function countSegmentsToDelete(segments: readonly RetentionSegment[], rules: RetentionRules): number {
  const sealed = segments.length - 1;
  let deleted = 0;
  const deletePrefixWhile = (rule: (segment: RetentionSegment) => boolean): void => {
    while (deleted < sealed) {
      const segment = segments[deleted];
      if (segment === undefined || !rule(segment)) return;
      deleted++;
    }
  };
  if (rules.retentionMs >= 0) deletePrefixWhile((segment) => rules.now - segment.maxTimestamp > rules.retentionMs);
  if (rules.retentionBytes >= 0) {
    let totalBytes = segments.slice(deleted).reduce((sum, segment) => sum + segment.sizeBytes, 0);
    deletePrefixWhile((segment) => {
      if (totalBytes - segment.sizeBytes < rules.retentionBytes) return false;
      totalBytes -= segment.sizeBytes;
      return true;
    });
  }
  deletePrefixWhile((segment) => segment.nextOffset <= rules.logStartOffset);
  return deleted;
}
