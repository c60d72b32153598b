// The clock of broker sessions and contact times: milliseconds since the epoch like Date.now(),
// but monotonic (Kafka's controller uses Time.nanoseconds() for the same reason). A wall-clock
// step forward, say an NTP correction of a minute, would otherwise expire every broker session
// at once and fence the whole cluster; a step back would keep dead brokers unfenced.
export function monotonicNowMs(): number {
  return performance.timeOrigin + performance.now();
}
