// The review reads of the browser's data layer: the navigation's counts (refetched whenever the tab
// comes back, and after every write or review action made in this tab) and one change's detail;
// and the review actions, as mutations.
import { useRouter } from "next/navigation";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";
import type { ReviewActionResult } from "@/lib/review/review-actions";
import type { NavCounts, ReviewDetail } from "@/lib/review/view";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/components/query/fetch-json";

export function reviewCountsQuery(initial: NavCounts | null) {
  return queryOptions({
    queryKey: queryKeys.reviewCounts(),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; counts: NavCounts | null }>("/api/review/counts", signal)).counts,
    initialData: initial,
    // One cheap database read: every return to the tab asks again. The layout's counts are fresh
    // when the page mounts, so mounting does not.
    staleTime: 0,
    refetchOnMount: false,
    refetchOnWindowFocus: true,
  });
}

export function reviewDetailQuery(trailId: string, initial: ReviewDetail) {
  return queryOptions({
    queryKey: queryKeys.reviewDetail(trailId),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; detail: ReviewDetail }>(`/api/review/changes/${encodeURIComponent(trailId)}`, signal)).detail,
    initialData: initial,
  });
}

/**
 * A review action (mark reviewed, flag, clear a flag) through a mutation: once the server confirmed
 * it, the counts and the open detail are read again, and the list (rendered on the server from the
 * URL's filters) is refreshed.
 */
export function useReviewMutation<TInput>(action: (input: TInput) => Promise<ActionResult<ReviewActionResult>>) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: action,
    onSuccess: (result) => {
      if (!result.ok) return;
      void client.invalidateQueries({ queryKey: queryKeys.review() });
      router.refresh();
    },
  });
}
