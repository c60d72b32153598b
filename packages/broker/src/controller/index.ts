// The controller role of a Brook node: QuorumController runs the metadata quorum (Raft over the
// metadata log), is this node's MetadataSource, and serves brook.v1.BrookController while it is
// the active controller. The composition root (server/start-server.ts) registers its handlers
// on the internal listener.
export { QuorumController } from './quorum-controller.js';
export type { QuorumControllerOptions, ControllerCommand, CommandOutcome } from './quorum-controller-options.js';
