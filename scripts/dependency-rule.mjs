// The dependency rule of ARCHITECTURE.md, written once: which workspace packages each package
// may import. eslint.config.js turns it into import restrictions; scripts/tidy.mjs checks each
// package.json against it. `runtimeOnly` names packages a package may depend on without
// importing their code (the cli starts the broker through its bin).
export const allowedImports = {
  protocol: [],
  'record-batch': [],
  storage: ['record-batch'],
  raft: [],
  controller: ['raft'],
  broker: ['protocol', 'record-batch', 'storage', 'raft', 'controller'],
  client: ['protocol', 'record-batch'],
  cli: ['client', 'protocol', 'record-batch'],
};

export const runtimeOnly = {
  cli: ['broker'],
};

// Pure cores: deterministic state machines with no I/O, clock or ambient randomness.
export const pureCores = ['raft', 'controller'];
