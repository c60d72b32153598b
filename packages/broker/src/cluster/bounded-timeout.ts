// A timeout for waits whose bound comes from callers: Node fires a timer longer than 2^31 - 1 ms
// (about 24.8 days) after 1 ms, so an "endless" wait (Infinity, a huge config value) would time
// out at once. Such a wait gets no timer; a long but finite one is clamped.
const TIMER_MS_MAX = 0x7fffffff;

/** Calls `onTimeout` after `ms`; no timer (undefined) when `ms` is not finite. */
export function boundedTimeout(ms: number, onTimeout: () => void): ReturnType<typeof setTimeout> | undefined {
  if (!Number.isFinite(ms)) return undefined;
  return setTimeout(onTimeout, Math.max(0, Math.min(ms, TIMER_MS_MAX)));
}
