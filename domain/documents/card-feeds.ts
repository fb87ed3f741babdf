// What a national party was last told of one card (store/card-feeds.ts keeps them).
export interface FeedDoc<S extends string> {
  _id: string; // card ID
  status: S;
  /** The registry change it follows (the card's history length then): a change is told once. */
  change: number;
  syncedAt: Date;
}
