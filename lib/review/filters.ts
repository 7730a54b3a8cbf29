// The review list's filters, as they live in the URL (so a view can be shared): one schema for the
// page, the CSV export and the trends view. A value that does not parse is dropped (and reported),
// never guessed at: `?reason=bogus` shows every reason, with a notice, rather than an error page.
// Dates are calendar days in Beijing time (the console's time zone); differences are in 元, signed.
import * as z from "zod/mini";
import { parseYuan, type ParseYuanResult } from "../money";
import { ZMode } from "../payscore/fields";
import { REASON_CATEGORIES } from "../orders/reasons";
import { REVIEW_STATES, TRAIL_OPERATION_VALUES, TRAIL_STATUS_VALUES } from "./states";
import { maxLength, minLength } from "@/lib/zod-length";

export const REVIEW_SORTS = ["newest", "oldest", "delta_asc", "delta_desc"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/** Rows per page of the review list. */
export const REVIEW_PAGE_SIZE = 50;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ORDER_NO_PREFIX_RE = /^[A-Za-z0-9_\-|*]+$/;
const CURSOR_RE = /^[A-Za-z0-9_-]{8,200}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCalendarDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** "12.30" → 1230, "-5" → -500; the same digit rules as parseYuan, with an optional leading minus. */
export function parseSignedYuan(input: string): ParseYuanResult {
  const s = input.trim();
  if (s.startsWith("-")) {
    const rest = parseYuan(s.slice(1));
    return rest.ok ? { ok: true, fen: rest.fen === 0 ? 0 : -rest.fen } : rest;
  }
  return parseYuan(s);
}

const ZDay = z.string().check(z.refine(isCalendarDay));
const ZYuanBound = z.string().check(maxLength(16), z.refine((value) => parseSignedYuan(value).ok));
const ZShortId = z.string().check(minLength(1), maxLength(64));

export const ZReviewFilters = z.object({
  /** First day (Beijing time), inclusive. */
  from: z.optional(ZDay),
  /** Last day (Beijing time), inclusive. */
  to: z.optional(ZDay),
  /** The agent's user id. */
  agent: z.optional(ZShortId),
  profile: z.optional(ZShortId),
  mode: z.optional(ZMode),
  operation: z.optional(z.enum(TRAIL_OPERATION_VALUES)),
  reason: z.optional(z.enum(REASON_CATEGORIES)),
  status: z.optional(z.enum(TRAIL_STATUS_VALUES)),
  review: z.optional(z.enum(REVIEW_STATES)),
  /** Smallest difference (after − before) in 元, e.g. "-50". */
  min: z.optional(ZYuanBound),
  /** Largest difference in 元. */
  max: z.optional(ZYuanBound),
  /** Start of the out_order_no (prefix match: the index serves it). */
  q: z.optional(z.string().check(maxLength(32), z.regex(ORDER_NO_PREFIX_RE))),
  sort: z.optional(z.enum(REVIEW_SORTS)),
  /** Only the rows of one bulk batch (issue #14: the batch page links here). */
  batch: z.optional(z.string().check(z.regex(UUID_RE))),
});
export type ReviewFilters = z.output<typeof ZReviewFilters>;
export type ReviewFilterKey = keyof ReviewFilters;
export const REVIEW_FILTER_KEYS = Object.keys(ZReviewFilters.shape) as ReviewFilterKey[];

/** Where in the list: keyset cursors (never an offset) and the row whose detail is open. */
export const ZReviewPosition = z.object({
  after: z.optional(z.string().check(z.regex(CURSOR_RE))),
  before: z.optional(z.string().check(z.regex(CURSOR_RE))),
  row: z.optional(z.string().check(z.regex(UUID_RE))),
});
export type ReviewPosition = z.output<typeof ZReviewPosition>;

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function firstValue(params: SearchParamsInput, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed === "" ? undefined : trimmed;
}

export interface ParsedReviewSearch {
  filters: ReviewFilters;
  position: ReviewPosition;
  /** Parameters that were present but did not parse (dropped). */
  invalid: string[];
}

/**
 * The filter form submits every field, empty ones included: the query to share instead (the same
 * view without them, in canonical form), or null when the query is fine as it is or holds a value
 * that does not parse (then the page says which, with the URL as it was typed).
 */
export function tidyReviewSearch(params: URLSearchParams, defaultSort: ReviewSort = "newest"): string | null {
  if (![...params.values()].some((value) => value === "")) return null;
  const { filters, position, invalid } = parseReviewSearch(params);
  return invalid.length === 0 ? reviewSearchString(filters, position, defaultSort) : null;
}

/** Reads the filters and position from a URL's query; each key parses on its own. */
export function parseReviewSearch(params: SearchParamsInput): ParsedReviewSearch {
  const invalid: string[] = [];
  const pick = <S extends Record<string, z.ZodMiniType>>(shape: S): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const value = firstValue(params, key);
      if (value === undefined) continue;
      const parsed = schema.safeParse(value);
      if (parsed.success) out[key] = parsed.data;
      else invalid.push(key);
    }
    return out;
  };
  const filters = ZReviewFilters.parse(pick(ZReviewFilters.shape));
  const position = ZReviewPosition.parse(pick(ZReviewPosition.shape));
  // A range given backwards is read the way it was meant.
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  return { filters, position, invalid };
}

/**
 * The query string of a view (filters first, in a fixed order; empty values and the view's default
 * sort left out: the review list's is newest first, the approval queue's oldest first).
 */
export function reviewSearchString(filters: ReviewFilters, position: Partial<ReviewPosition> = {}, defaultSort: ReviewSort = "newest"): string {
  const params = new URLSearchParams();
  for (const key of REVIEW_FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined || (key === "sort" && value === defaultSort)) continue;
    params.set(key, value);
  }
  for (const key of ["after", "before", "row"] as const) {
    const value = position[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** True when any filter (not the sort) narrows the list. */
export function hasActiveFilters(filters: ReviewFilters): boolean {
  return REVIEW_FILTER_KEYS.some((key) => key !== "sort" && filters[key] !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Values for the query (server) — pure, so they are tested here.
// ---------------------------------------------------------------------------------------------

const BEIJING_OFFSET = "+08:00";

function nextDay(day: string): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return date.toISOString().slice(0, 10);
}

/** The instants a day range covers: [from 00:00, the day after `to` 00:00) in Beijing time. */
export function dayRangeBounds(filters: Pick<ReviewFilters, "from" | "to">): { fromInstant?: Date; toInstantExclusive?: Date } {
  return {
    fromInstant: filters.from ? new Date(`${filters.from}T00:00:00${BEIJING_OFFSET}`) : undefined,
    toInstantExclusive: filters.to ? new Date(`${nextDay(filters.to)}T00:00:00${BEIJING_OFFSET}`) : undefined,
  };
}

/** The difference bounds in 分 (undefined when absent). */
export function deltaBoundsFen(filters: Pick<ReviewFilters, "min" | "max">): { minFen?: number; maxFen?: number } {
  const read = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = parseSignedYuan(value);
    return parsed.ok ? parsed.fen : undefined;
  };
  let minFen = read(filters.min);
  let maxFen = read(filters.max);
  if (minFen !== undefined && maxFen !== undefined && minFen > maxFen) [minFen, maxFen] = [maxFen, minFen];
  return { minFen, maxFen };
}

/** `LIKE` pattern for an order-number prefix (the allowed characters include none of % _ \\ but `_`). */
export function orderNoPrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------
// Keyset cursor: the sort key of the last (or first) row shown, opaque in the URL.
// ---------------------------------------------------------------------------------------------

export interface ReviewCursor {
  /** The row's created_at with microseconds, ISO UTC ("2026-11-25T05:03:22.123456Z"). */
  at: string;
  id: string;
  /** The difference in 分 (delta sorts only; null counts as 0). */
  delta?: number;
}

const ISO_MICROS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return atob(padded);
}

export function encodeReviewCursor(cursor: ReviewCursor): string {
  return toBase64Url(JSON.stringify(cursor.delta === undefined ? [cursor.at, cursor.id] : [cursor.at, cursor.id, cursor.delta]));
}

/** The cursor, or null when it was tampered with or is malformed. */
export function decodeReviewCursor(text: string): ReviewCursor | null {
  try {
    const value: unknown = JSON.parse(fromBase64Url(text));
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
    const [at, id, delta] = value as unknown[];
    if (typeof at !== "string" || !ISO_MICROS_RE.test(at) || typeof id !== "string" || !UUID_RE.test(id)) return null;
    if (delta !== undefined && (typeof delta !== "number" || !Number.isSafeInteger(delta))) return null;
    return delta === undefined ? { at, id } : { at, id, delta: delta as number };
  } catch {
    return null;
  }
}
