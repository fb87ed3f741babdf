// Progress bars and in-place redraws for long runs; on a pipe (CI logs) they degrade to occasional lines.
export function bar(done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const full = Math.round(ratio * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.round(ratio * 100)).padStart(3)}%`;
}

/** Redraws a block of lines in place on a terminal; elsewhere prints it only when it changed. */
export class LiveBlock {
  private lines = 0;
  private last = '';

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  get interactive(): boolean {
    return Boolean(this.out.isTTY);
  }

  render(text: string): void {
    if (!this.interactive) {
      if (text !== this.last) this.out.write(`${text}\n`);
      this.last = text;
      return;
    }
    if (this.lines > 0) this.out.write(`\x1b[${this.lines}F\x1b[J`);
    this.out.write(`${text}\n`);
    this.lines = text.split('\n').length;
  }
}
