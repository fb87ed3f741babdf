// What a simulated card factory's card looks like, wherever it was made (the manufacturer, a counter's printer):
// derived from a seed, so that the same order or print always makes the same card.
import { createHash } from 'node:crypto';

/** `n` upper-case hex digits of the seed's hash. */
export const hex = (seed: string, n: number): string =>
  createHash('sha256').update(seed).digest('hex').slice(0, n).toUpperCase();

/** The card number and chip ID a card made for this seed gets. */
export const cardMadeFrom = (seed: string): { cardNumber: string; chipId: string } => ({
  cardNumber: `A${hex(`card:${seed}`, 8).replace(/[A-F]/g, (c) => String(c.charCodeAt(0) % 10))}`,
  chipId: hex(`chip:${seed}`, 16),
});
