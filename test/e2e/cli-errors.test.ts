// Clear failures that lose nothing: an oversized record, an unknown topic, a bad topic name and
// a read past the end each make `brook` exit non-zero with one line `brook: <CODE>: <message>`,
// and afterwards every record written before is still there, at its offset.
import { beforeAll, describe, expect, it } from 'vitest';
import { runBrook, type CliRun } from './cli-process.js';
import { startBroker, type BrokerProcess } from '../harness/index.js';

let node: BrokerProcess;
const brook = (args: string[], input?: string) => runBrook(args, { brokers: node.clientAddress, input });
const ONE_LINE_ERROR = /^brook: [A-Z_]+: \S.*\n$/;

function expectFailure(run: CliRun, code: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0);
  const lastLine = run.stderr.split('\n').filter((l) => l !== '').pop() ?? '';
  expect(lastLine + '\n').toMatch(ONE_LINE_ERROR);
  expect(lastLine).toMatch(new RegExp(`^brook: ${code.source}: `));
}

async function values(topic: string): Promise<string[]> {
  const consumed = await brook(['consume', topic, '-e', '--format', '%o %v']);
  expect(consumed.code, consumed.stderr).toBe(0);
  return consumed.stdout.split('\n').filter((l) => l !== '');
}

beforeAll(async () => {
  node = await startBroker();
  expect((await brook(['topic', 'create', 'small', '-p', '1', '--config', 'max.message.bytes=2048'])).code).toBe(0);
  expect((await brook(['produce', 'small'], 'a\nb\nc\n')).code).toBe(0);
});

describe('clear errors that lose nothing', () => {
  it('refuses an oversized record and keeps what came before', async () => {
    const big = 'x'.repeat(10_000);
    const run = await brook(['produce', 'small'], `d\n${big}\n`);
    expectFailure(run, /(MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE)/);
    const kept = await values('small');
    expect(kept.slice(0, 3)).toEqual(['0 a', '1 b', '2 c']);
    expect(kept.every((line) => !line.includes(big))).toBe(true);
    // The broker still takes records after refusing one.
    expect((await brook(['produce', 'small'], 'e\n')).code).toBe(0);
    expect((await values('small')).pop()).toMatch(/^\d+ e$/);
  });

  it('reports an unknown topic on produce, consume and describe', async () => {
    expectFailure(await brook(['produce', 'no-such-topic'], 'x\n'), /UNKNOWN_TOPIC_OR_PARTITION/);
    expectFailure(await brook(['consume', 'no-such-topic', '-e']), /UNKNOWN_TOPIC_OR_PARTITION/);
    expectFailure(await brook(['topic', 'describe', 'no-such-topic']), /UNKNOWN_TOPIC_OR_PARTITION/);
  });

  it('refuses bad topic names', async () => {
    for (const name of ['bad name', 'a/b', '..', 'x'.repeat(250)]) {
      const run = await brook(['topic', 'create', name, '-p', '1']);
      expectFailure(run, /INVALID_TOPIC_EXCEPTION/);
    }
    const list = await brook(['topic', 'list', '--format', 'json']);
    expect(JSON.parse(list.stdout)).toEqual(['small']);
  });

  it('refuses a read past the end and keeps the log', async () => {
    const before = await values('small');
    expectFailure(await brook(['consume', 'small', '-o', '1000']), /OFFSET_OUT_OF_RANGE/);
    expect(await values('small')).toEqual(before);
  });

  it('reports a broker that is not there', async () => {
    const run = await runBrook(['topic', 'list'], { brokers: '127.0.0.1:1', env: {}, timeoutMs: 60_000 });
    expectFailure(run, /[A-Z_]+/);
  });
});
