// Public API of @brook/storage: the partition log.
export { crc32c } from './record-batch/crc32c.js';
