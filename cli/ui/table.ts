// Plain-text tables for terminals: columns sized to their content, right-aligned numbers, CJK-aware widths.
export type Cell = string | number | undefined;

// East Asian wide and full-width ranges (Unicode's East_Asian_Width W and F), by code point: Hangul Jamo, the CJK
// blocks with their punctuation, kana and radicals, Hangul syllables, compatibility ideographs, vertical and
// full-width forms, and the supplementary ideographic planes where rare characters of names live (U+20000 on).
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
// Marks drawn over the character before them, and invisible joiners and selectors, take no column.
const MARK = /^[\p{Mn}\p{Me}]$/u;
const zeroWidth = (char: string, code: number): boolean =>
  MARK.test(char) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f);

/** Display width in a terminal: wide characters take two columns, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (zeroWidth(char, code)) continue;
    width += WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
  }
  return width;
}

/** Text filled with spaces to `width` terminal columns (on the left when `right`). */
export function padDisplay(text: string, width: number, right = false): string {
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
      .map((c, i) => padDisplay(c, widths[i]!, numeric[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
