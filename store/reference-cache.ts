// Reference data (units, deadline policies, the calendar) read on every acceptance but changed by an
// administrator a few times a year: kept in memory for a short while, dropped at once when this process changes
// it, and read afresh on demand (a calendar-changed signal asks for a fresh calendar). Another process's change is
// seen within REFERENCE_TTL_MS.
export const REFERENCE_TTL_MS = 30_000;

export interface Cached<T> {
  get(options?: { fresh?: boolean }): Promise<T>;
  invalidate(): void;
}

export function cached<T>(load: () => Promise<T>, ttlMs = REFERENCE_TTL_MS): Cached<T> {
  let entry: { value: Promise<T>; at: number } | undefined;
  return {
    get(options = {}) {
      const now = Date.now();
      if (!entry || options.fresh || now - entry.at > ttlMs) {
        const value = load();
        entry = { value, at: now };
        // A failed read is not remembered: the next caller tries again.
        value.catch(() => {
          if (entry?.value === value) entry = undefined;
        });
      }
      return entry.value;
    },
    invalidate() {
      entry = undefined;
    },
  };
}
