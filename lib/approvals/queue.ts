// The approval queue's view of the review filters: the same URL keys, parsing and query as the review
// list (lib/review/filters.ts), less the two the queue fixes — the status (it lists requests that
// wait) and the review state (not part of a decision) — and oldest first by default, so that the
// request that has waited longest is decided first.
import { type ParsedReviewSearch, type ReviewFilterKey, type ReviewFilters, type ReviewPosition, type ReviewSort, type SearchParamsInput, parseReviewSearch, reviewSearchString } from "../review/filters";

export const QUEUE_DEFAULT_SORT: ReviewSort = "oldest";
/** Filters of the review list that the queue neither shows nor reads. */
export const QUEUE_FIXED_FILTERS: readonly ReviewFilterKey[] = ["status", "review"];

/** The queue's filters and position from a URL's query; the fixed keys are dropped, not reported. */
export function parseQueueSearch(params: SearchParamsInput): ParsedReviewSearch {
  const parsed = parseReviewSearch(params);
  const filters: ReviewFilters = { ...parsed.filters };
  for (const key of QUEUE_FIXED_FILTERS) delete filters[key];
  return { filters, position: parsed.position, invalid: parsed.invalid.filter((key) => !QUEUE_FIXED_FILTERS.includes(key as ReviewFilterKey)) };
}

/** What the queue asks the review query for: waiting requests, in the queue's order. */
export function queueQueryFilters(filters: ReviewFilters): ReviewFilters {
  return { ...filters, status: "awaiting_approval", sort: filters.sort ?? QUEUE_DEFAULT_SORT };
}

/** The queue's query string (its default sort left out). */
export function queueSearchString(filters: ReviewFilters, position: Partial<ReviewPosition> = {}): string {
  return reviewSearchString(filters, position, QUEUE_DEFAULT_SORT);
}
