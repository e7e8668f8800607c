/** A line of the benchmark table: what was measured, the figure, its detail, and the ratio with its target. */
export type Row = [what: string, figure: string, detail: string, ratio: string];

export function table(rows: readonly Row[]): string {
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
