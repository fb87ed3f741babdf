// Keyset pagination over a field with _id as the tie-breaker: a page token names the last item seen, so pages stay
// stable while new documents arrive. Newest first for the lists people read (batches, escalations: small
// collections, so the sort may run in memory on servers without secondary indexes); oldest first for the
// processes that page through a day or a feed on an index of the field and _id.
import type { Collection, Filter } from 'mongodb';
import type { Page, PageCursor } from '../domain/documents/pages';

export async function newestFirst<T extends { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  field: keyof T & string,
  pageSize: number,
  after?: PageCursor,
): Promise<Page<T>> {
  const query = (
    after
      ? {
          $and: [
            filter,
            { $or: [{ [field]: { $lt: after.at } }, { [field]: after.at, _id: { $lt: after.id } }] },
          ],
        }
      : filter
  ) as Filter<T>;
  const docs = (await collection
    .find(query)
    .sort({ [field]: -1, _id: -1 })
    .limit(pageSize + 1)
    .toArray()) as T[];
  const items = docs.slice(0, pageSize);
  const last = items[items.length - 1];
  return docs.length > pageSize && last
    ? { items, next: { at: last[field] as Date, id: last._id } }
    : { items };
}

/**
 * What comes after `cursor` (the last item seen: its `field` and ID) in ascending order of `field`, then `_id`:
 * the filter to add to a query sorted `{ [field]: 1, _id: 1 }`; nothing to add for the first page.
 */
export function oldestFirstAfter<T>(
  field: string,
  cursor: { at: unknown; id: string } | undefined,
): Filter<T> {
  if (!cursor) return {};
  return {
    $or: [{ [field]: { $gt: cursor.at } }, { [field]: cursor.at, _id: { $gt: cursor.id } }],
  } as Filter<T>;
}
