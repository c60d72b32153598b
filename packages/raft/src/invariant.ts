// A broken invariant is a programmer error, never an operating condition (STYLE.md "Two kinds
// of failure"): the node stops with an error naming the rule it would have broken.

export class RaftInvariantError extends Error {
  readonly invariant: string;

  constructor(name: string, detail: string) {
    super(`invariant ${name} violated: ${detail}`);
    this.name = 'RaftInvariantError';
    this.invariant = name;
  }
}

export function invariant(condition: boolean, name: string, detail: string): asserts condition {
  if (!condition) throw new RaftInvariantError(name, detail);
}
