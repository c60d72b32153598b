// Text tables for listings: borderless, left-aligned columns with a header row, in the style of
// kubectl and kafka-topics, so they read well in a terminal and still cut and grep easily.
import Table from 'cli-table3';

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

export function renderTable(head: string[], rows: Array<Array<string | number>>): string {
  const table = new Table({
    head,
    chars: NO_BORDERS,
    // No colours: output goes to pipes and logs as often as to terminals.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row.map(String));
  // cli-table3 pads the last column too; trailing spaces only get in the way of diffs and grep.
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** JSON for scripts: bigints become numbers while exact, else strings. */
export function renderJson(value: unknown): string {
  // Both bounds: an int64 such as a producer id can be far below MIN_SAFE_INTEGER too.
  const exact = (item: bigint): boolean => item <= BigInt(Number.MAX_SAFE_INTEGER) && item >= BigInt(Number.MIN_SAFE_INTEGER);
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? (exact(item) ? Number(item) : item.toString()) : item));
}
