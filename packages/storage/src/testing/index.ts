// Test helpers of @brook/storage: the fault-injecting file system, the seeded generator that
// drives it, and a builder of valid RecordBatch v2 byte strings.
export { FaultFileSystem, fileSystemError, type CrashOptions } from './fault-file-system.js';
export { SeededRandom } from './seeded-random.js';
export { buildTestBatch, buildTestBatches, type TestBatchOptions } from './test-batch.js';
export { LogModel, checkRead, checkWholeLog, checkEpochs, splitBatches, type ModelBatch } from './log-model.js';
