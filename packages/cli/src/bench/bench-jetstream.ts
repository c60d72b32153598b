// bench:cluster's NATS JetStream R3 runs: three nats-server processes on free loopback ports in a
// temporary directory, driven by the ready kit in ../shared/bench/jetstream (js-bench.js pub and
// lat), for figures from the same machine and run as Brook's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { killByPid, log, reservePorts, startProcess, started, tempDirs, until, type Started } from './bench-processes.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface JetStreamFigures {
  pub1k?: { pub_msgs_s: number; pub_MBps: number };
  pub100?: { pub_msgs_s: number; pub_MBps: number };
  lat?: { ack_p50_us: number; ack_p99_us: number; e2e_p50_us: number; e2e_p99_us: number; achieved_rate: number; errs: number };
  skipped?: string;
}

function kitDir(): string {
  return process.env['BENCH_JETSTREAM_KIT'] ?? join(repoRoot, '..', 'shared', 'bench', 'jetstream');
}

function ensureNatsServer(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  if (which.status === 0) return null;
  if (process.getuid?.() !== 0 && spawnSync('sh', ['-c', 'command -v sudo'], { encoding: 'utf8' }).status !== 0) return 'nats-server is not installed, and installing it needs root (or sudo)';
  log('bench:cluster: installing nats-server (apt-get install -y nats-server)');
  const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const install = spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(prefix.length > 0 ? ['apt-get'] : []), 'install', '-y', 'nats-server'], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) return `apt-get install -y nats-server failed (exit ${install.status}): ${(install.stderr || install.stdout || '').trim().split('\n').slice(-2).join(' ')}`;
  return spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).status === 0 ? null : 'nats-server is still not on PATH after apt-get';
}

function ensureNatsClient(): { dir: string } | { skipped: string } {
  const dir = process.env['NATS_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'brook-bench', 'nats');
  if (existsSync(join(dir, 'node_modules', 'nats', 'package.json'))) return { dir };
  mkdirSync(dir, { recursive: true });
  log(`bench:cluster: installing the nats@2 client under ${dir} (npm install --prefix)`);
  const install = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'nats@2'], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !existsSync(join(dir, 'node_modules', 'nats', 'package.json'))) return { skipped: `npm install nats@2 failed (exit ${install.status}): ${(install.stderr || '').trim().split('\n').slice(-2).join(' ')}` };
  return { dir };
}

async function runKit(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, number> | null> {
  const entry = startProcess(`js-bench ${args[0]}`, process.execPath, [join(kitDir(), 'js-bench.js'), ...args], { env, stdout: 'pipe' });
  let stdout = '';
  entry.child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const exitCode = await new Promise<number | null>((resolve) => entry.child.once('close', (code) => resolve(code)));
  started.delete(entry);
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, number>;
  } catch {
    log(`bench:cluster: js-bench ${args.join(' ')} printed no result (exit ${exitCode})`);
    return null;
  }
}

export async function jetstream(random: () => number, counts: { records1k: number; records100: number; latencySeconds: number; latencyWarmupSeconds: number }): Promise<JetStreamFigures> {
  if (!existsSync(join(kitDir(), 'js-bench.js'))) return { skipped: `no JetStream kit at ${kitDir()}` };
  const noServer = ensureNatsServer();
  if (noServer !== null) return { skipped: noServer };
  const client = ensureNatsClient();
  if ('skipped' in client) return { skipped: client.skipped };
  const root = mkdtempSync(join(tmpdir(), 'brook-bench-jetstream-'));
  tempDirs.add(root);
  const ports = await reservePorts(9, random);
  const servers: string[] = [];
  const routes = [1, 2, 3].map((i) => `nats-route://127.0.0.1:${ports[(i - 1) * 3 + 2]}`).join(', ');
  const processes: Started[] = [];
  for (const i of [1, 2, 3]) {
    const client = ports[(i - 1) * 3] as number;
    const monitor = ports[(i - 1) * 3 + 1] as number;
    const cluster = ports[(i - 1) * 3 + 2] as number;
    mkdirSync(join(root, `n${i}`));
    // The kit's cluster.sh configuration, on free ports.
    writeFileSync(join(root, `n${i}.conf`), [
      `server_name: n${i}`, `listen: 127.0.0.1:${client}`, `http: 127.0.0.1:${monitor}`,
      `jetstream { store_dir: "${join(root, `n${i}`)}", max_memory_store: 1GB, max_file_store: 20GB }`,
      `cluster { name: bench, listen: 127.0.0.1:${cluster}, routes: [ ${routes} ] }`, '',
    ].join('\n'));
    servers.push(`127.0.0.1:${client}`);
    processes.push(startProcess(`nats-server n${i}`, 'nats-server', ['-c', join(root, `n${i}.conf`), '-l', join(root, `n${i}.log`)]));
  }
  try {
    await until('a healthy JetStream cluster', 30_000, async () => {
      const health = await Promise.all([1, 2, 3].map((i) => fetch(`http://127.0.0.1:${ports[(i - 1) * 3 + 1]}/healthz?js-enabled-only=true`).then((r) => r.ok, () => false)));
      return health.every(Boolean) ? true : undefined;
    }, 250);
    await sleep(2000); // as cluster.sh does: the meta group elects its leader
    log(`bench:cluster: JetStream up (pids ${processes.map((p) => p.child.pid).join(', ')}) on ${servers.join(', ')}`);
    const env = { ...process.env, NATS_DIR: client.dir, NATS_SERVERS: servers.join(',') };
    log(`\n== JetStream R3: ${counts.records1k} x 1 KiB, 1000 outstanding acks`);
    const pub1k = await runKit(['pub', '3', String(counts.records1k), '1024', '1000'], env);
    log(`== JetStream R3: ${counts.records100} x 100 B, 1000 outstanding acks`);
    const pub100 = await runKit(['pub', '3', String(counts.records100), '100', '1000'], env);
    // As Brook's paced run, after a warm-up at the same rate (the kit has no warm-up option: a short
    // run of its own, whose figures are dropped).
    log(`== JetStream R3: 1 KiB at 5000/s for ${counts.latencyWarmupSeconds} s (warm-up, not measured), then ${counts.latencySeconds} s`);
    await runKit(['lat', '3', '5000', String(counts.latencyWarmupSeconds), '1024'], env);
    const lat = await runKit(['lat', '3', '5000', String(counts.latencySeconds), '1024'], env);
    for (const figures of [pub1k, pub100, lat]) if (figures !== null) log(`   ${JSON.stringify(figures)}`);
    return {
      ...(pub1k === null ? {} : { pub1k: pub1k as unknown as JetStreamFigures['pub1k'] }),
      ...(pub100 === null ? {} : { pub100: pub100 as unknown as JetStreamFigures['pub100'] }),
      ...(lat === null ? {} : { lat: lat as unknown as JetStreamFigures['lat'] }),
    };
  } finally {
    for (const entry of processes) killByPid(entry);
  }
}
