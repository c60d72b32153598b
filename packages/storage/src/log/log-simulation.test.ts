// Randomized operation sequences against SegmentedLog on the fault-injecting file system, checked
// against a simple in-memory model (TESTING.md layer 2). Each seed drives ~200 operations: appends
// (leader and follower), bad appends, reads, flushes, rolls, truncations, retention,
// deleteRecordsBefore, timestamp lookups, clean reopens, crashes (unsynced bytes lost, or a torn
// prefix kept), ENOSPC budgets and bit flips in sealed segments. After every crash the log must
// reopen with every offset it reported durable readable with identical bytes, and must never
// serve anything invalid (bad CRC, gaps, bytes that differ from what was appended).
//
// Every run prints `seed=<n>`; SEED=<n> reruns one seed, SEEDS=<count> changes how many run.
import { describe, it } from 'vitest';
import { ATTRIBUTES_OFFSET } from '@brook/record-batch';
import { FaultFileSystem, SeededRandom, LogModel, checkRead, checkWholeLog, checkEpochs, buildTestBatch } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { SegmentedLogOptions } from './log-config.js';
import { LogStartOffsetCheckpoint, RecoveryPointCheckpoint } from '../checkpoint/offset-checkpoint.js';
import { isStorageError, type StorageErrorKind } from '../errors.js';

const LOG_DIRECTORY = '/data';
const topicPartition = { topic: 'orders', partition: 0 };
const OPERATIONS_PER_SEED = Number(process.env.OPS ?? 200);
const seeds = process.env.SEED !== undefined ? [Number(process.env.SEED)] : Array.from({ length: Number(process.env.SEEDS ?? 200) }, (_, i) => i + 1);

async function expectKind(kind: StorageErrorKind, operation: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await operation();
  } catch (error) {
    if (isStorageError(error, kind)) return;
    throw new Error(`${what}: expected ${kind}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`${what}: expected ${kind}, but it succeeded`);
}

class Simulation {
  readonly random: SeededRandom;
  readonly fileSystem: FaultFileSystem;
  model = new LogModel();
  log!: SegmentedLog;
  clock = 1_700_000_000_000;
  epoch = 0;
  /** Every offset below this was reported durable by the log. */
  durableFloor = 0;
  budgetOperationsLeft = 0;
  private readonly options: Omit<SegmentedLogOptions, 'recoveryPoint' | 'logStartOffset'>;

  constructor(readonly seed: number) {
    this.random = new SeededRandom(seed);
    this.fileSystem = new FaultFileSystem(new SeededRandom(seed * 7919 + 1));
    this.options = {
      fileSystem: this.fileSystem,
      directory: `${LOG_DIRECTORY}/orders-0`,
      segmentBytes: this.random.int(500, 4000),
      segmentMs: this.random.int(5_000, 60_000),
      indexIntervalBytes: this.random.int(32, 600),
      maxMessageBytes: 1000,
      retentionMs: this.random.chance(0.5) ? this.random.int(10_000, 100_000) : -1,
      retentionBytes: this.random.chance(0.5) ? this.random.int(2_000, 20_000) : -1,
      flushPolicy: this.random.chance(0.5) ? { kind: 'every-append-group-commit' } : { kind: 'interval', intervalMessages: this.random.int(5, 50) },
      now: () => this.clock,
    };
  }

  async run(): Promise<void> {
    this.log = await SegmentedLog.open(this.options);
    for (let step = 0; step < OPERATIONS_PER_SEED; step++) {
      const name = this.pickOperation();
      if (process.env.TRACE !== undefined) console.log(`step ${step}: ${name} [${this.model.logStartOffset}, ${this.model.logEndOffset}) durable ${this.durableFloor}`);
      try {
        await this.operations[name]();
        if (this.log.failure !== undefined) await this.reopen(false, 'after a failure');
        this.observe();
        if (step % 25 === 0) await checkWholeLog(this.log, this.model);
      } catch (error) {
        throw new Error(`reproduce: SEED=${this.seed} (step ${step}, ${name}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      this.tickBudget();
    }
    await this.reopen(true, 'final crash');
  }

  private pickOperation(): keyof Simulation['operations'] {
    const roll = this.random.int(0, 99);
    const table: Array<[number, keyof Simulation['operations']]> = [
      [40, 'append'], [43, 'badAppend'], [60, 'read'], [66, 'flush'], [68, 'flushedUpTo'], [70, 'roll'],
      [74, 'truncate'], [75, 'truncateFully'], [79, 'retention'], [81, 'deleteRecords'], [84, 'timestamp'],
      [87, 'reopen'], [93, 'crash'], [97, 'diskFull'], [100, 'bitFlip'],
    ];
    return (table.find(([limit]) => roll < limit) ?? [0, 'append'])[1];
  }

  /** After each operation: what the log reports agrees with the model. */
  private observe(): void {
    if (this.log.logEndOffset !== this.model.logEndOffset || this.log.logStartOffset !== this.model.logStartOffset) {
      throw new Error(`log [${this.log.logStartOffset}, ${this.log.logEndOffset}) but model [${this.model.logStartOffset}, ${this.model.logEndOffset})`);
    }
    if (this.log.durableOffset > this.log.logEndOffset) throw new Error(`durable ${this.log.durableOffset} past the end ${this.log.logEndOffset}`);
    this.durableFloor = Math.max(this.durableFloor, this.log.durableOffset);
    checkEpochs(this.log, this.model);
  }

  private tickBudget(): void {
    if (this.budgetOperationsLeft > 0 && --this.budgetOperationsLeft === 0) this.fileSystem.setSpaceBudget(undefined);
  }

  /** The broker's side: checkpoint the recovery point and log start offset (not subject to the disk budget here). */
  async checkpoint(recoveryPoint: (current: number) => number): Promise<void> {
    const budget = this.budgetOperationsLeft;
    this.fileSystem.setSpaceBudget(undefined);
    const recoveryPoints = await RecoveryPointCheckpoint.load(this.fileSystem, LOG_DIRECTORY);
    recoveryPoints.set(topicPartition, recoveryPoint(recoveryPoints.get(topicPartition) ?? 0));
    await recoveryPoints.write();
    const startOffsets = await LogStartOffsetCheckpoint.load(this.fileSystem, LOG_DIRECTORY);
    startOffsets.set(topicPartition, this.log.logStartOffset);
    await startOffsets.write();
    if (budget > 0) this.fileSystem.setSpaceBudget(0);
  }

  /**
   * Restarts the log (after a crash, or a process restart) and checks what it kept. With
   * `candidates` (an operation failed half way), the log must match one of them exactly.
   */
  async reopen(crash: boolean, why: string, recoveryPointOverride?: number, candidates?: LogModel[]): Promise<void> {
    if (crash) this.fileSystem.crash({ tornWrites: this.random.chance(0.5) });
    const recoveryPoint = recoveryPointOverride ?? (await RecoveryPointCheckpoint.load(this.fileSystem, LOG_DIRECTORY)).get(topicPartition) ?? 0;
    const logStartOffset = (await LogStartOffsetCheckpoint.load(this.fileSystem, LOG_DIRECTORY)).get(topicPartition) ?? 0;
    this.fileSystem.setSpaceBudget(undefined);
    this.budgetOperationsLeft = 0;
    this.log = await SegmentedLog.open({ ...this.options, recoveryPoint, logStartOffset });
    if (candidates !== undefined) {
      const match = candidates.find((c) => c.logEndOffset === this.log.logEndOffset && c.logStartOffset === this.log.logStartOffset);
      if (match === undefined) throw new Error(`${why}: the log spans [${this.log.logStartOffset}, ${this.log.logEndOffset}), matching neither the state before nor after`);
      this.model = match;
      this.durableFloor = Math.min(this.durableFloor, match.logEndOffset);
    }
    if (this.log.logEndOffset < this.durableFloor) throw new Error(`${why}: the log ends at ${this.log.logEndOffset} but ${this.durableFloor} was durable`);
    this.model.cutAt(this.log.logEndOffset);
    this.durableFloor = this.log.durableOffset;
    await checkWholeLog(this.log, this.model);
    await this.log.verify();
    checkEpochs(this.log, this.model);
    await this.checkpoint(() => this.log.recoveryPoint);
  }

  readonly operations = {
    append: () => this.append(),
    badAppend: () => this.badAppend(),
    read: () => this.read(),
    flush: async () => {
      await this.log.flush();
      if (this.log.durableOffset !== this.log.logEndOffset) throw new Error(`flush left durable at ${this.log.durableOffset}`);
      if (this.random.chance(0.8)) await this.checkpoint(() => this.log.recoveryPoint);
    },
    flushedUpTo: async () => {
      const offset = this.random.int(this.durableFloor, this.log.logEndOffset);
      await this.log.flushedUpTo(offset);
      if (this.log.durableOffset < offset) throw new Error(`flushedUpTo(${offset}) resolved at ${this.log.durableOffset}`);
    },
    roll: () => this.log.roll(),
    truncate: () => this.truncate(),
    truncateFully: async () => {
      const offset = this.log.logEndOffset + this.random.int(0, 20);
      if (!(await this.structural(() => this.log.truncateFullyAndStartAt(offset), (model) => model.restartAt(offset)))) return;
      this.durableFloor = offset;
      await this.checkpoint(() => this.log.recoveryPoint);
    },
    retention: async () => {
      this.clock += this.random.int(0, 20_000);
      const before = this.log.logStartOffset;
      // What retention deletes is checked in log-retention.test.ts; here the new start offset is
      // taken from the log (or, if the disk fills half way, from the first surviving segment).
      const firstSegments = this.log.segmentInfos().map((s) => s.baseOffset);
      const candidates = firstSegments.filter((base) => base > before && base <= this.model.logEndOffset);
      await this.log.deleteOldSegments(this.clock).catch(async (error: unknown) => {
        if (!(this.budgetOperationsLeft > 0 && isStorageError(error, 'KAFKA_STORAGE_ERROR'))) throw error;
        await this.log.close();
        const models = [this.model, ...candidates.map(() => this.model.clone())];
        candidates.forEach((base, i) => models[i + 1]?.moveStartOffset(base));
        await this.reopen(false, 'restart after failed retention', undefined, models);
      });
      if (this.log.logStartOffset < before || this.log.logStartOffset > this.log.logEndOffset) throw new Error(`retention moved the start offset from ${before} to ${this.log.logStartOffset}`);
      this.model.moveStartOffset(this.log.logStartOffset);
      await this.checkpoint((current) => current);
    },
    deleteRecords: async () => {
      const offset = this.random.int(this.model.logStartOffset, this.model.logEndOffset);
      if (!(await this.structural(() => this.log.deleteRecordsBefore(offset), (model) => model.moveStartOffset(offset)))) return;
      await this.checkpoint((current) => current);
    },
    timestamp: async () => {
      const timestamp = this.clock - this.random.int(-100, 10_000);
      const got = await this.log.offsetForTimestamp(timestamp);
      const expected = this.model.offsetForTimestamp(timestamp);
      if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`offsetForTimestamp(${timestamp}) = ${JSON.stringify(got)}, model ${JSON.stringify(expected)}`);
    },
    reopen: async () => {
      await this.log.close().catch(() => undefined);
      await this.reopen(false, 'clean reopen');
      if (this.log.durableOffset !== this.log.logEndOffset) throw new Error('a reopened log is durable up to its end');
    },
    crash: () => this.reopen(true, 'crash'),
    diskFull: async () => {
      this.fileSystem.setSpaceBudget(this.random.int(0, 3000));
      this.budgetOperationsLeft = this.random.int(1, 10);
    },
    bitFlip: () => this.bitFlip(),
  };

  /**
   * A truncation or retention step: on success the model takes its effect; if a full disk fails
   * the log half way (a checkpoint write), the restarted log must show the state before or after.
   */
  private async structural(operation: () => Promise<unknown>, effect: (model: LogModel) => void): Promise<boolean> {
    const after = this.model.clone();
    effect(after);
    try {
      await operation();
    } catch (error) {
      if (!(this.budgetOperationsLeft > 0 && isStorageError(error, 'KAFKA_STORAGE_ERROR') && this.log.failure !== undefined)) throw error;
      await this.log.close();
      await this.reopen(false, 'restart after a failed operation', undefined, [this.model, after]);
      return false;
    }
    this.model = after;
    return true;
  }

  private async append(): Promise<void> {
    this.clock += this.random.int(0, 2_000);
    if (this.random.chance(0.05)) this.epoch++;
    const baseTimestamp = this.clock - this.random.int(0, 5_000);
    const follower = this.random.chance(0.15);
    const batch = buildTestBatch({
      recordCount: this.random.int(1, 5),
      payload: this.random.bytes(this.random.int(0, 400)),
      baseTimestamp,
      maxTimestamp: baseTimestamp + this.random.int(0, 100),
      baseOffset: this.model.logEndOffset,
      partitionLeaderEpoch: this.epoch,
    });
    try {
      if (follower) {
        await this.log.appendAsFollower(batch);
      } else {
        const result = await this.log.append(batch, { partitionLeaderEpoch: this.epoch });
        if (result.baseOffset !== this.model.logEndOffset) throw new Error(`append got offset ${result.baseOffset}, expected ${this.model.logEndOffset}`);
      }
    } catch (error) {
      if (this.budgetOperationsLeft > 0 && isStorageError(error, 'KAFKA_STORAGE_ERROR')) return;
      throw error;
    }
    this.model.append(batch);
  }

  private async badAppend(): Promise<void> {
    const kind = this.random.int(0, 4);
    const batch = buildTestBatch({ payloadBytes: kind === 0 ? 1200 : 50, magic: kind === 1 ? 1 : 2, baseOffset: this.model.logEndOffset + (kind === 4 ? 3 : 0) });
    if (kind === 0) return expectKind('MESSAGE_TOO_LARGE', () => this.log.append(batch, { partitionLeaderEpoch: this.epoch }), 'oversized batch');
    if (kind === 1) return expectKind('UNSUPPORTED_FOR_MESSAGE_FORMAT', () => this.log.append(batch, { partitionLeaderEpoch: this.epoch }), 'magic 1');
    if (kind === 4) return expectKind('OFFSET_OUT_OF_RANGE', () => this.log.appendAsFollower(batch), 'follower gap');
    const damaged = kind === 2 ? batch.slice() : batch.slice(0, this.random.int(0, batch.byteLength - 1));
    if (kind === 2) {
      const at = this.random.int(ATTRIBUTES_OFFSET, damaged.byteLength - 1);
      damaged[at] = (damaged[at] ?? 0) ^ (1 << this.random.int(0, 7));
    }
    return expectKind('CORRUPT_MESSAGE', () => this.log.append(damaged, { partitionLeaderEpoch: this.epoch }), 'damaged batch');
  }

  private async read(): Promise<void> {
    const { logStartOffset, logEndOffset } = this.model;
    if (this.random.chance(0.1)) {
      const outside = this.random.chance(0.5) || logStartOffset === 0 ? logEndOffset + this.random.int(1, 10) : this.random.int(0, logStartOffset - 1);
      return expectKind('OFFSET_OUT_OF_RANGE', () => this.log.read(outside, 100), `read(${outside})`);
    }
    const from = this.random.int(logStartOffset, logEndOffset);
    const maxBytes = this.random.int(1, 3000);
    const maxOffset = this.random.chance(0.3) ? this.random.int(from, logEndOffset) : logEndOffset;
    const result = await this.log.read(from, maxBytes, { maxOffset });
    checkRead(this.model, from, maxBytes, maxOffset, result.bytes);
  }

  private async truncate(): Promise<void> {
    const below = this.model.logStartOffset > 0 && this.random.chance(0.1);
    const offset = below ? this.random.int(0, this.model.logStartOffset - 1) : this.random.int(this.model.logStartOffset, this.model.logEndOffset);
    if (!(await this.structural(() => this.log.truncateTo(offset), (model) => model.truncateTo(offset)))) return;
    this.durableFloor = Math.min(this.durableFloor, this.log.logEndOffset);
    // Like Kafka's LogManager.truncateTo: the recovery point checkpoint follows a truncation at once.
    await this.checkpoint((current) => Math.min(current, this.log.recoveryPoint));
  }

  /** Media corruption in a sealed, fsynced segment: reported, never served; recovery from 0 cuts there. */
  private async bitFlip(): Promise<void> {
    const firstModelOffset = this.model.batches[0]?.baseOffset ?? Infinity;
    this.fileSystem.setSpaceBudget(undefined);
    this.budgetOperationsLeft = 0;
    const candidates = this.log.segmentInfos().filter((s) => s.sealed && s.sizeBytes > 0 && s.nextOffset <= this.log.recoveryPoint && s.baseOffset >= firstModelOffset);
    if (candidates.length === 0) return;
    const segment = this.random.pick(candidates);
    const inSegment = this.model.batches.filter((b) => b.baseOffset >= segment.baseOffset && b.lastOffset < segment.nextOffset);
    const victim = this.random.int(0, inSegment.length - 1);
    const target = inSegment[victim];
    if (target === undefined) return;
    const position = inSegment.slice(0, victim).reduce((sum, b) => sum + b.bytes.byteLength, 0);
    if (process.env.TRACE !== undefined) console.log(`bit flip in ${segment.path}, batch at offset ${target.baseOffset}`);
    this.fileSystem.flipBit(segment.path, position + this.random.int(ATTRIBUTES_OFFSET, target.bytes.byteLength - 1), this.random.int(0, 7));
    const readable = Math.max(target.baseOffset, this.model.logStartOffset);
    await expectKind('CORRUPT_SEGMENT', () => this.log.read(readable, 100), `read of the flipped batch at ${target.baseOffset}`);
    await expectKind('CORRUPT_SEGMENT', () => this.log.verify(), 'verify after a bit flip');
    if (this.random.chance(0.5)) {
      this.log = await SegmentedLog.open({ ...this.options, recoveryPoint: this.log.recoveryPoint, logStartOffset: this.model.logStartOffset });
      await expectKind('CORRUPT_SEGMENT', () => this.log.read(readable, 100), 'read of the flipped batch below the recovery point after a restart');
    }
    // Repair as an operator would: recover everything from offset 0, which cuts the log at the bad batch.
    this.durableFloor = target.baseOffset;
    await this.reopen(false, 'recovery from 0 after a bit flip', 0);
    if (this.log.logEndOffset !== target.baseOffset) throw new Error(`recovery kept the log to ${this.log.logEndOffset}, the flipped batch is at ${target.baseOffset}`);
  }
}

describe('SegmentedLog randomized operations against a model', () => {
  for (const seed of seeds) {
    it(`seed=${seed}`, async () => {
      console.log(`seed=${seed}`);
      await new Simulation(seed).run();
    });
  }
});
