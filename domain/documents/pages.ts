// A page of a list newest first, and where it ends: the last item's time and ID (store/pages.ts pages so).

export interface PageCursor {
  at: Date;
  id: string;
}

/** One page of a list, and where the next begins when there is one. */
export interface Page<T> {
  items: T[];
  next?: PageCursor;
}
