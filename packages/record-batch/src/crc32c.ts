// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of
// RecordBatch v2 (PROTOCOL-NOTES.md section 1; FORMAT.md "Record batch").
// @node-rs/crc32 computes it with the SSE 4.2 instruction: the leader checks every produced
// batch's CRC and recovery checks every batch on disk, so this sits on the hot path.
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** The CRC-32C of `bytes`, as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array): number {
  return nativeCrc32c(bytes as Buffer) >>> 0;
}
