import { describe, expect, it } from "vitest";
import { tidyReviewSearch } from "../review/filters";
import { parseQueueSearch, queueQueryFilters, queueSearchString } from "./queue";

describe("[APPROVAL][QUEUE] the review filters, as the queue reads them", () => {
  it("drops the status and review filters the queue fixes, without reporting them; reports the rest", () => {
    const parsed = parseQueueSearch(new URLSearchParams("status=succeeded&review=flagged&reason=nope&profile=demo-merchant&after=AAAAAAAAAA"));
    expect(parsed.filters).toEqual({ profile: "demo-merchant" });
    expect(parsed.invalid).toEqual(["reason"]);
    expect(parsed.position).toEqual({ after: "AAAAAAAAAA" });
  });

  it("asks for waiting requests, oldest first unless another order is chosen", () => {
    expect(queueQueryFilters({ profile: "demo-merchant" })).toEqual({ profile: "demo-merchant", status: "awaiting_approval", sort: "oldest" });
    expect(queueQueryFilters({ sort: "delta_asc" })).toEqual({ status: "awaiting_approval", sort: "delta_asc" });
  });

  it("leaves its own default order out of the URL, and keeps newest first when chosen", () => {
    expect(queueSearchString({ sort: "oldest", mode: "partner" })).toBe("?mode=partner");
    expect(queueSearchString({ sort: "newest" }, { after: "cursor1234" })).toBe("?sort=newest&after=cursor1234");
    expect(tidyReviewSearch(new URLSearchParams("from=&sort=oldest&mode=partner"), "oldest")).toBe("?mode=partner");
    expect(tidyReviewSearch(new URLSearchParams("from=&sort=newest"), "oldest")).toBe("?sort=newest");
  });
});
