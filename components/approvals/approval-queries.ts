// The decision's writes through TanStack Query. Approving is a write on the order like any other: it
// goes through the order's write mutation (components/orders/order-queries.ts), so the verified order
// and the settled trail row go into the order's cache and every trail reader (the navigation's counts
// among them) is read again. Rejecting frees the order: its snapshot and the trail readers are read
// again. Nothing is shown before the server confirmed it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys, type OrderRef } from "@/lib/query-keys";
import { approveRequestAction, rejectRequestAction } from "@/server/actions/approvals";
import { invalidateTrailReaders, settleOrderWrite } from "@/components/orders/order-queries";

export function useApproveRequest(ref: OrderRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: approveRequestAction,
    onSuccess: async (result) => {
      await settleOrderWrite(client, ref, result);
      // Stale, or decided meanwhile: the order and its hold moved on without this write.
      if (!result.ok) void client.invalidateQueries({ queryKey: queryKeys.order(ref) });
    },
  });
}

export function useRejectRequest(ref: OrderRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: rejectRequestAction,
    onSuccess: () => {
      // Rejected, or decided meanwhile by someone else: either way the order and the trail moved on.
      void client.invalidateQueries({ queryKey: queryKeys.order(ref) });
      void invalidateTrailReaders(client);
    },
  });
}
