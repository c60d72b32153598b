// Transcript tests in the style of etcd-io/raft's testdata: a file of commands, each followed by
// `----` and the trace it must print. runTranscript() executes a file and returns it with the
// traces actually printed, so a test compares that to the file and REWRITE=1 writes it back.
//
// Commands (node ids are numbers; `n=` and friends take comma-separated lists):
//   cluster voters=1,2,3 [learners=4] [election=10] [heartbeat=2] [append-bytes=N] [seed=N]
//   campaign ID | propose ID TEXT | transfer FROM TO | compact ID INDEX
//   tick COUNT [n=IDS]            ticks nodes (default: all live ones) COUNT times
//   deliver [from=IDS] [to=IDS] [type=TYPES]   delivers matching queued messages, one round
//   drop [from=IDS] [to=IDS] [type=TYPES]      discards matching queued messages
//   stabilize                     delivers everything until no message is left
//   partition IDS | IDS           cuts the links between two groups (both ways)
//   isolate ID | heal | crash ID | restart ID | status [IDS] | log IDS
// Every Ready a node hands out is processed by the contract (persist, send, apply, advance) and
// printed: role changes, persisted state, appended entries, snapshots, applied entries and the
// messages queued for delivery.
import type { Message, NodeId, Ready } from '../index.js';
import { SimCluster } from './cluster.js';
import type { NodeTuning } from './cluster.js';
import { formatEntries, formatMessage, formatStatus } from './transcript-format.js';

interface Command {
  readonly name: string;
  readonly args: string[];
  readonly named: Map<string, string>;
}

export function runTranscript(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const runner = new TranscriptRunner();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    i++;
    if (line.trim() === '' || line.startsWith('#')) {
      out.push(line);
      continue;
    }
    if (lines[i] !== '----') throw new Error(`transcript line ${i}: expected ---- after "${line}"`);
    i++;
    while (i < lines.length && (lines[i] as string).trim() !== '') i++;
    out.push(line, '----', ...runner.run(parseCommand(line)));
  }
  return out.join('\n');
}

function parseCommand(line: string): Command {
  const [name = '', ...rest] = line.trim().split(/\s+/);
  const args: string[] = [];
  const named = new Map<string, string>();
  for (const word of rest) {
    const eq = word.indexOf('=');
    if (eq > 0) named.set(word.slice(0, eq), word.slice(eq + 1));
    else args.push(word);
  }
  return { name, args, named };
}

function ids(list: string | undefined): NodeId[] | undefined {
  return list === undefined ? undefined : list.split(',').map((id) => Number(id));
}

function id(arg: string | undefined): NodeId {
  const value = Number(arg);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`expected a node id, got "${arg}"`);
  return value;
}

class TranscriptRunner {
  private cluster: SimCluster | undefined;
  private queue: Message[] = [];
  private readonly blocked = new Set<string>();
  private out: string[] = [];

  run(command: Command): string[] {
    this.out = [];
    this.execute(command);
    if (this.out.length === 0) this.out.push('ok');
    return this.out;
  }

  private execute(c: Command): void {
    if (c.name === 'cluster') return this.createCluster(c);
    const cluster = this.requireCluster();
    switch (c.name) {
      case 'campaign':
        cluster.raft(id(c.args[0])).campaign();
        return this.settle([id(c.args[0])]);
      case 'propose': {
        const result = cluster.raft(id(c.args[0])).propose(new TextEncoder().encode(c.args.slice(1).join(' ')));
        this.out.push(result.accepted ? `accepted at ${result.index}@${result.term}` : `rejected: ${result.reason} (leader ${result.leaderId})`);
        return this.settle([id(c.args[0])]);
      }
      case 'transfer': {
        const result = cluster.raft(id(c.args[0])).transferLeadership(id(c.args[1]));
        this.out.push(result.started ? 'transfer started' : `transfer refused: ${result.reason}`);
        return this.settle([id(c.args[0])]);
      }
      case 'compact': {
        const node = cluster.node(id(c.args[0]));
        const compacted = cluster.raft(node.id).compact(Number(c.args[1]), node.app?.takeSnapshot() ?? new Uint8Array(0));
        if (!compacted) this.out.push('already compacted');
        return this.settle([node.id]);
      }
      case 'tick':
        return this.tick(Number(c.args[0] ?? 1), ids(c.named.get('n')));
      case 'deliver':
      case 'drop':
        return this.deliverMatching(c, c.name === 'drop');
      case 'stabilize':
        return this.stabilize();
      case 'partition':
        return this.partition(c.args);
      case 'isolate': {
        const victim = id(c.args[0]);
        return this.partition([String(victim), '|', ...cluster.ids().filter((n) => n !== victim).map(String)]);
      }
      case 'heal':
        this.blocked.clear();
        return;
      case 'crash':
        cluster.crash(id(c.args[0]));
        return;
      case 'restart':
        cluster.restart(id(c.args[0]));
        return this.settle([id(c.args[0])]);
      case 'status':
      case 'log':
        for (const n of ids(c.args[0]) ?? cluster.ids()) this.printStatus(n, c.name === 'log');
        return;
      default:
        throw new Error(`unknown transcript command "${c.name}"`);
    }
  }

  private createCluster(c: Command): void {
    const tuning: NodeTuning = {
      ...(c.named.has('append-bytes') ? { appendBytesMax: Number(c.named.get('append-bytes')) } : {}),
      ...(c.named.has('prevote') ? { preVote: c.named.get('prevote') === 'true' } : {}),
      ...(c.named.has('checkquorum') ? { checkQuorum: c.named.get('checkquorum') === 'true' } : {}),
    };
    this.cluster = new SimCluster({
      voters: ids(c.named.get('voters')) ?? [1, 2, 3],
      learners: ids(c.named.get('learners')) ?? [],
      seed: Number(c.named.get('seed') ?? 1),
      electionTimeoutTicks: Number(c.named.get('election') ?? 10),
      heartbeatIntervalTicks: Number(c.named.get('heartbeat') ?? 2),
      tuning,
    });
    this.cluster.outgoing = (message) => {
      this.queue.push(message);
      this.out.push(formatMessage(message));
    };
    this.cluster.listener = { readyPersisted: (node, ready) => this.printReady(node, ready) };
    this.queue = [];
    this.blocked.clear();
  }

  private requireCluster(): SimCluster {
    if (this.cluster === undefined) throw new Error('no cluster: start the transcript with `cluster`');
    return this.cluster;
  }

  private settle(nodes: readonly NodeId[]): void {
    for (const n of nodes) this.requireCluster().drainReady(n);
  }

  private tick(count: number, only: NodeId[] | undefined): void {
    const cluster = this.requireCluster();
    for (let i = 0; i < count; i++) {
      for (const n of only ?? cluster.ids()) {
        const raft = cluster.node(n).raft;
        if (raft === undefined) continue;
        raft.tick();
        this.settle([n]);
      }
    }
  }

  private deliverMatching(c: Command, drop: boolean): void {
    const from = ids(c.named.get('from'));
    const to = ids(c.named.get('to'));
    const types = c.named.get('type')?.split(',');
    const matches = (m: Message): boolean =>
      (from === undefined || from.includes(m.from)) && (to === undefined || to.includes(m.to)) && (types === undefined || types.includes(m.type));
    const chosen = this.queue.filter(matches);
    this.queue = this.queue.filter((m) => !matches(m));
    if (drop) {
      for (const m of chosen) this.out.push(`dropped ${formatMessage(m)}`);
      return;
    }
    this.deliver(chosen);
  }

  private deliver(messages: readonly Message[]): void {
    const cluster = this.requireCluster();
    for (const m of messages) {
      const node = cluster.node(m.to);
      if (this.blocked.has(`${m.from}>${m.to}`) || node.raft === undefined) {
        this.out.push(`dropped ${formatMessage(m)} (${node.raft === undefined ? 'down' : 'partition'})`);
        continue;
      }
      node.raft.step(m);
      this.settle([m.to]);
    }
  }

  private stabilize(): void {
    for (let round = 0; round < 100 && this.queue.length > 0; round++) {
      const batch = this.queue;
      this.queue = [];
      this.deliver(batch);
    }
  }

  private partition(args: string[]): void {
    const bar = args.indexOf('|');
    if (bar < 0) throw new Error('partition needs two groups separated by |');
    const left = args.slice(0, bar).map(id);
    const right = args.slice(bar + 1).map(id);
    for (const a of left) {
      for (const b of right) {
        this.blocked.add(`${a}>${b}`);
        this.blocked.add(`${b}>${a}`);
      }
    }
  }

  private printReady(n: NodeId, ready: Ready): void {
    const raft = this.requireCluster().raft(n);
    if (ready.softState !== undefined) this.out.push(`n${n}: became ${ready.softState.role} at term ${raft.term} (leader ${ready.softState.leaderId})`);
    if (ready.snapshot !== undefined) this.out.push(`n${n}: install snapshot at ${ready.snapshot.metadata.index}@${ready.snapshot.metadata.term}`);
    if (ready.compaction !== undefined) this.out.push(`n${n}: compact log through ${ready.compaction.metadata.index}@${ready.compaction.metadata.term}`);
    if (ready.entries.length > 0) this.out.push(`n${n}: append ${formatEntries(ready.entries)}`);
    if (ready.hardState !== undefined) {
      const hs = ready.hardState;
      this.out.push(`n${n}: persist term=${hs.term} vote=${hs.vote} commit=${hs.commit}`);
    }
    if (ready.committedEntries.length > 0) this.out.push(`n${n}: apply ${formatEntries(ready.committedEntries)}`);
  }

  private printStatus(n: NodeId, withLog: boolean): void {
    const raft = this.requireCluster().node(n).raft;
    if (raft === undefined) {
      this.out.push(`n${n}: down`);
      return;
    }
    const status = raft.status();
    this.out.push(...formatStatus(status, withLog ? raft.logEntries(status.firstIndex, status.lastIndex + 1) : undefined));
  }
}
