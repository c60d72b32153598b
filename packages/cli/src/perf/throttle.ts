// Holds a perf run to a target rate, as Kafka's ThroughputThrottler does: after `sent` records in
// `elapsedMs`, wait until the schedule (sent / rate) has caught up with the sender. Waiting on
// the schedule rather than per record keeps the average exact without a timer per record.

/** Milliseconds to wait before sending more; 0 when on or behind schedule or unthrottled. */
export function throttleDelayMs(sent: number, elapsedMs: number, recordsPerSecond: number): number {
  if (!(recordsPerSecond > 0)) return 0;
  const dueMs = (sent * 1000) / recordsPerSecond;
  return dueMs > elapsedMs ? dueMs - elapsedMs : 0;
}
