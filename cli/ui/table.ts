// Plain-text tables for terminals: columns sized to their content, right-aligned numbers, CJK-aware widths.
export type Cell = string | number | undefined;

/** Display width: East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function renderTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell))));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => row[i] === undefined || typeof row[i] === 'number'),
  );
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...text.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i]!, numeric[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
