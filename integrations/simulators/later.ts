// Work a simulated partner does later (a factory's report, a parcel's next step), on timers that stop() clears
// when the process shuts down: what was due is picked up again from the partner's database by its resume().
export class Later {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `work` at `when`, or at once when that has passed. */
  at(when: Date, work: () => Promise<void>): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void work();
      },
      Math.max(0, when.getTime() - Date.now()),
    );
    this.timers.add(timer);
  }

  stop(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }
}
