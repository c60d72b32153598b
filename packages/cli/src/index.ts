// Public API of @brook/cli: the command tree, so other tools (and tests) can run `brook`
// in-process with their own context, and the session interface the commands are written against.
export { buildProgram, runCli, CLI_VERSION } from './program.js';
export { CliError, describeFailure, formatFailureLine, type CliErrorCode } from './cli-error.js';
export type { CliContext } from './context.js';
export type * from './session.js';
export { resolveServerBin } from './server-bin.js';
export { BROKERS_DEFAULT, resolveBrokers } from './options.js';
export { LatencyHistogram } from './perf/latency-histogram.js';
export { PerfMeter, formatSummary, type PerfSummary } from './perf/perf-meter.js';
