// `brook cluster health [--watch] [--exit-when-healthy] [--timeout-ms N] [--interval-ms 1000]`:
// the health rule of cluster/health.ts. Once: print the verdict, exit 0 when healthy and 1
// (UNHEALTHY) when not. --watch: check every interval and print a timestamped line whenever the
// verdict changes, until Ctrl-C (the exit code is the last verdict's). --exit-when-healthy: keep
// checking until healthy, then exit 0; with --timeout-ms, fail with TIMED_OUT at the deadline.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { sessionBrokers, type CliContext } from '../context.js';
import { interruptionOf } from '../interruption.js';
import { checkHealth, healthLine, type ExpectedNode, type HealthReport } from '../cluster/health.js';
import { renderJson } from '../format/table.js';
import { parseInteger, parseOutputFormat, type OutputFormat } from '../options.js';
import { addDataDirOption, expectedNodes, localCluster, type DataDirOption } from './cluster-common.js';

const INTERVAL_MS_DEFAULT = 1_000;
const PROBE_TIMEOUT_MS = 2_000;

interface ClusterHealthOptions extends DataDirOption {
  watch?: boolean;
  exitWhenHealthy?: boolean;
  timeoutMs?: string;
  intervalMs: string;
  format: string;
}

export function renderHealthText(report: HealthReport): string {
  if (report.healthy) return healthLine(report) + '\n';
  return 'unhealthy:\n' + report.problems.map((problem) => `  - ${problem}\n`).join('');
}

function healthJson(report: HealthReport, extra: Record<string, unknown> = {}): string {
  return renderJson({ ...extra, healthy: report.healthy, problems: report.problems, ...report.snapshot }) + '\n';
}

function unhealthyError(report: HealthReport): CliError {
  const [first] = report.problems;
  const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : '';
  return new CliError('UNHEALTHY', `${first ?? 'unknown problem'}${more}`);
}

type Check = () => Promise<HealthReport>;

async function checkOnce(context: CliContext, check: Check, format: OutputFormat): Promise<void> {
  const report = await check();
  await context.out(format === 'json' ? healthJson(report) : renderHealthText(report));
  if (!report.healthy) throw unhealthyError(report);
}

interface PollSettings {
  watch: boolean;
  exitWhenHealthy: boolean;
  timeoutMs: number | undefined;
  intervalMs: number;
  format: OutputFormat;
}

/** Checks every interval; prints changes when watching; ends healthy, timed out or interrupted. */
async function poll(context: CliContext, check: Check, settings: PollSettings): Promise<void> {
  const deadline = settings.timeoutMs === undefined ? Infinity : context.nowMs() + settings.timeoutMs;
  let lastLine: string | null = null;
  for (;;) {
    const report = await check();
    const line = healthLine(report);
    if (settings.watch && line !== lastLine) {
      const time = new Date(context.wallClockMs()).toISOString();
      await context.out(settings.format === 'json' ? healthJson(report, { time }) : `${time} ${line}\n`);
    }
    lastLine = line;
    const finalReport = (): Promise<void> | void => (settings.watch ? undefined : context.out(settings.format === 'json' ? healthJson(report) : renderHealthText(report)));
    if (settings.exitWhenHealthy && report.healthy) return finalReport();
    if (context.nowMs() >= deadline) {
      await finalReport();
      throw new CliError('TIMED_OUT', `not healthy after ${settings.timeoutMs} ms: ${report.problems.join('; ')}`);
    }
    if (!(await interruptionOf(context.interrupted).pause(settings.intervalMs))) {
      if (!report.healthy) throw unhealthyError(report);
      return;
    }
  }
}

function healthCheck(context: CliContext, brokers: string[], expected: ExpectedNode[] | null): Check {
  return async () => {
    // A new session per check: a channel that failed while a node was down would otherwise
    // hold back the news that it is up again by its reconnect backoff.
    const session = await context.openSession(brokers, { quick: true });
    try {
      return await checkHealth(session, expected, PROBE_TIMEOUT_MS);
    } finally {
      await session.close();
    }
  };
}

export function registerClusterHealth(parent: Command, context: CliContext): void {
  const command = parent
    .command('health')
    .description('check that every node answers, the quorum has a leader, every broker is unfenced and every partition has a leader')
    .option('--watch', 'keep checking; print a line whenever the verdict changes')
    .option('--exit-when-healthy', 'keep checking until healthy, then exit 0')
    .option('--timeout-ms <ms>', 'with --watch or --exit-when-healthy: give up (TIMED_OUT) after this long')
    .option('--interval-ms <ms>', 'time between checks', String(INTERVAL_MS_DEFAULT))
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: ClusterHealthOptions, self: Command) => {
      const format = parseOutputFormat(options.format);
      const timeoutMs = options.timeoutMs === undefined ? undefined : parseInteger('--timeout-ms', options.timeoutMs, 0);
      const intervalMs = parseInteger('--interval-ms', options.intervalMs, 10);
      const { file } = localCluster(context, options);
      const check = healthCheck(context, sessionBrokers(context, self), expectedNodes(context, self, file));
      const watch = options.watch === true;
      const exitWhenHealthy = options.exitWhenHealthy === true;
      if (!watch && !exitWhenHealthy) return checkOnce(context, check, format);
      await poll(context, check, { watch, exitWhenHealthy, timeoutMs, intervalMs, format });
    });
  addDataDirOption(command);
}
