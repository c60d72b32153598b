// Public API of @brook/client, Brook's gRPC SDK. Everything a user may rely on is listed here;
// other modules of the package are internal.
export { murmur2, partitionForKey, toPositive } from './partitioner/murmur2.js';
