// Public API of @brook/storage: the partition log. The byte layout of everything on disk is
// packages/storage/FORMAT.md.
export { StorageError, isStorageError, type StorageErrorKind } from './errors.js';
export type { FileSystem, FileHandle, OpenOptions } from './fs/file-system.js';
export { NodeFileSystem } from './fs/node-file-system.js';
export { SegmentedLog, type AppendResult, type SegmentInfo } from './log/segmented-log.js';
export type { SegmentedLogOptions, LogConfigUpdate, UpdatableLogConfig } from './log/log-config.js';
export type { LogReadResult, ReadOptions } from './log/log-read.js';
export type { FlushPolicy } from './log/log-flusher.js';
export { CLEAN_SHUTDOWN_FILE } from './log/clean-shutdown.js';
export {
  LeaderEpochCache,
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
  type EpochEntry,
  type EpochEndOffset,
} from './epoch/leader-epoch-cache.js';
export { LEADER_EPOCH_CHECKPOINT_FILE } from './epoch/leader-epoch-checkpoint.js';
export {
  OffsetCheckpoint,
  RecoveryPointCheckpoint,
  LogStartOffsetCheckpoint,
  HighWatermarkCheckpoint,
  RECOVERY_POINT_CHECKPOINT_FILE,
  LOG_START_OFFSET_CHECKPOINT_FILE,
  HIGH_WATERMARK_CHECKPOINT_FILE,
  type TopicPartition,
} from './checkpoint/offset-checkpoint.js';
export { PARTITION_METADATA_FILE, readPartitionMetadata, writePartitionMetadata } from './checkpoint/partition-metadata.js';
export { writeFileAtomically } from './checkpoint/atomic-file.js';
