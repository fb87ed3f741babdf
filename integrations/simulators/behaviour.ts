// How a simulated party misbehaves: latency, random outages, and scripted faults for tests (fail the next
// calls outright, or do the work and then lose the reply, which is what forces idempotency to prove itself).
import type { Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
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
  private current = '*';

  constructor(
    readonly party: string,
    private readonly db: Db,
    public settings: BehaviourSettings = INSTANT,
  ) {}

  /** The next `count` calls (of one operation, or any) fail as outages: the party is down. */
  failNext(count: number, operation = '*'): void {
    this.failNextCalls.set(operation, (this.failNextCalls.get(operation) ?? 0) + count);
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

  /** Logs the request, waits, and fails the way the settings say. */
  async enter(operation: string, key: string): Promise<void> {
    await this.db
      .collection('sim_requests')
      .insertOne({ _id: randomUUID() as never, party: this.party, operation, key, at: new Date() });
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

/** Every request a simulated party received, for tests and benchmarks: requests ≥ effects proves idempotency. */
export async function countRequests(db: Db, party: string, operation?: string): Promise<number> {
  return db.collection('sim_requests').countDocuments({ party, ...(operation ? { operation } : {}) });
}
