// How a simulated party misbehaves: latency, random outages, and scripted faults for tests (fail the next
// calls outright, or do the work and then lose the reply, which is what forces idempotency to prove itself).
import { PartnerUnavailableError } from '../ports';

export interface BehaviourSettings {
  /** Each call waits a random time in [min, max] milliseconds. */
  latencyMs: [number, number];
  /** Probability that a call fails as an outage before doing anything. */
  failureRate: number;
}

export const INSTANT: BehaviourSettings = { latencyMs: [0, 0], failureRate: 0 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Behaviour {
  /** Scripted faults, per operation ('*' for any). */
  private readonly failNextCalls = new Map<string, number>();
  private readonly loseNextReplies = new Map<string, number>();
  /** When each request arrived (ms since the epoch), by operation: requests ≥ effects is how a test proves
   * idempotency, and their spacing how it proves a rate limit. */
  private readonly received = new Map<string, number[]>();
  private current = '*';

  constructor(
    readonly party: string,
    public settings: BehaviourSettings = INSTANT,
  ) {}

  /** How many requests of an operation (or of any) this party has received. */
  requests(operation?: string): number {
    if (operation) return this.arrivals(operation).length;
    return [...this.received.values()].reduce((a, b) => a + b.length, 0);
  }

  /** When the requests of an operation arrived, in order. */
  arrivals(operation: string): readonly number[] {
    return this.received.get(operation) ?? [];
  }

  /** The next `count` calls (of one operation, or any) fail as outages: the party is down. */
  failNext(count: number, operation = '*'): void {
    this.failNextCalls.set(operation, (this.failNextCalls.get(operation) ?? 0) + count);
  }

  /** The party is back: the outages still scripted are dropped. */
  recover(): void {
    this.failNextCalls.clear();
    this.loseNextReplies.clear();
  }

  /** The next `count` calls do their work, but the reply never reaches the caller (a timeout or a reset). */
  loseRepliesNext(count: number, operation = '*'): void {
    this.loseNextReplies.set(operation, (this.loseNextReplies.get(operation) ?? 0) + count);
  }

  private take(faults: Map<string, number>, operation: string): boolean {
    for (const key of [operation, '*']) {
      const left = faults.get(key) ?? 0;
      if (left > 0) {
        faults.set(key, left - 1);
        return true;
      }
    }
    return false;
  }

  /** Counts the request, waits, and fails the way the settings say. */
  async enter(operation: string): Promise<void> {
    const arrivals = this.received.get(operation) ?? [];
    arrivals.push(Date.now());
    this.received.set(operation, arrivals);
    const [min, max] = this.settings.latencyMs;
    if (max > 0) await sleep(min + Math.random() * (max - min));
    this.current = operation;
    if (this.take(this.failNextCalls, operation)) throw new PartnerUnavailableError(this.party);
    if (this.settings.failureRate > 0 && Math.random() < this.settings.failureRate) {
      throw new PartnerUnavailableError(this.party);
    }
  }

  /** Called after the effect is stored: may drop the reply. */
  leave(): void {
    if (this.take(this.loseNextReplies, this.current)) {
      throw new PartnerUnavailableError(this.party, `${this.party} did the work but the reply was lost`);
    }
  }
}
