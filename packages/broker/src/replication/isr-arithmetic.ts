// Set arithmetic of an ISR with an AlterPartition change in flight (KIP-497; Kafka's
// PartitionState.maximalIsr). While the controller has not answered, the leader does not know
// which ISR is in force, so it takes the safe side of each question:
//
// - the high watermark is the minimum over the MAXIMAL ISR (committed ∪ proposed): a follower
//   being added counts at once, a follower being removed keeps counting until the removal is
//   committed. Dropping a follower from the minimum before the controller agrees would let the
//   HW pass records that follower lacks, and the controller may still elect it.
// - min.insync.replicas is counted over the MINIMAL ISR (committed ∩ proposed): an addition
//   counts only once committed, a removal counts at once (PROTOCOL-NOTES.md section 3).
//
// With nothing in flight both are the committed ISR.

export function maximalIsr(committed: readonly number[], proposed: readonly number[] | undefined): number[] {
  if (proposed === undefined) return [...committed];
  return [...committed, ...proposed.filter((id) => !committed.includes(id))];
}

export function minimalIsr(committed: readonly number[], proposed: readonly number[] | undefined): number[] {
  if (proposed === undefined) return [...committed];
  return committed.filter((id) => proposed.includes(id));
}

export function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
