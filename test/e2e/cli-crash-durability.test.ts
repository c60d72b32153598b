// kill -9 during produce, then restart: every record the broker acknowledged before the kill is
// there after the restart, at the offset it was acknowledged with, and the server starts cleanly.
//
// How: `brook produce --acks all --print-offsets` reads a stream of numbered lines from a pipe and
// prints {partition, offset} per acknowledged record, in input order, so the i-th printed
// position belongs to line i. Once enough acknowledgements have arrived, the broker is killed
// with SIGKILL while lines are still flowing; the CLI is then stopped, the broker restarted on
// the same data directory, and the topic read back. acks=all is the broker's durable setting:
// with its default flush policy (every-append, group commit) a record is fsynced before it is
// acknowledged (packages/broker/README.md).
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { CLI_BIN, runBrook } from './cli-process.js';
import { startBroker } from '../harness/index.js';

const ACKNOWLEDGED_BEFORE_KILL = 3000;
const LINES_MAX = 200_000;

it('keeps every acknowledged record across kill -9 and restart', async () => {
  const broker = await startBroker();
  expect((await runBrook(['topic', 'create', 'durable', '-p', '3'], { brokers: broker.clientAddress })).code).toBe(0);

  const producer = spawn(process.execPath, [CLI_BIN, 'produce', 'durable', '--acks', 'all', '--key-separator', ':', '--print-offsets', '--linger-ms', '1'], {
    env: { ...process.env, BROOK_BROKERS: broker.clientAddress },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  producer.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  producer.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  producer.stdin.on('error', () => undefined);
  const producerExited = new Promise<void>((resolve) => producer.once('exit', () => resolve()));

  // Feed lines in small bursts so produce is still in full flow when the broker dies.
  let sent = 0;
  let killed = false;
  const acknowledged = (): number => stdout.split('\n').length - 1;
  const deadline = Date.now() + 60_000;
  while (!killed && sent < LINES_MAX && Date.now() < deadline) {
    let burst = '';
    for (let i = 0; i < 200 && sent < LINES_MAX; i++, sent++) burst += `key-${sent % 17}:record-${sent}\n`;
    producer.stdin.write(burst);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (acknowledged() >= ACKNOWLEDGED_BEFORE_KILL) {
      await broker.kill9();
      killed = true;
    }
  }
  expect(killed, `only ${acknowledged()} acknowledgements in 60 s; stderr: ${stderr}`).toBe(true);
  // Lines were still being sent when the broker died: the kill happened mid-produce.
  expect(sent).toBeGreaterThan(acknowledged());
  producer.kill('SIGKILL');
  await producerExited;

  const positions = stdout
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as { partition: number; offset: number });
  expect(positions.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

  // Crash recovery: a new process on the same data directory must come up and serve.
  await broker.restart();
  const consumed = await runBrook(['consume', 'durable', '-e', '--format', '%p %o %v'], { brokers: broker.clientAddress, timeoutMs: 120_000 });
  expect(consumed.code, consumed.stderr).toBe(0);
  const stored = new Map<string, string>();
  for (const line of consumed.stdout.split('\n')) {
    const [partition, offset, value] = line.split(' ');
    if (value !== undefined) stored.set(`${partition}/${offset}`, value);
  }
  positions.forEach((position, index) => {
    expect(stored.get(`${position.partition}/${position.offset}`), `line ${index} at ${position.partition}/${position.offset}`).toBe(`record-${index}`);
  });
  // No record is stored twice, and each partition's offsets run from 0 without holes.
  expect(new Set(stored.values()).size).toBe(stored.size);
  const offsetsByPartition = new Map<string, number[]>();
  for (const key of stored.keys()) {
    const [partition, offset] = key.split('/') as [string, string];
    offsetsByPartition.set(partition, [...(offsetsByPartition.get(partition) ?? []), Number(offset)]);
  }
  for (const offsets of offsetsByPartition.values()) {
    expect(Math.max(...offsets)).toBe(offsets.length - 1);
  }
  expect(await broker.stop()).toEqual({ code: 0, signal: null });
});
