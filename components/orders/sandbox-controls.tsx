"use client";
// Sandbox mode only: the user's side of the order, so a newcomer sees its whole life — the user
// confirms, pays, or the payment fails. The sandbox then notifies the console like WeChat Pay would,
// and the page follows from that notification (./order-events.ts), not from a query of its own; if
// none has arrived within NOTIFICATION_GRACE_MS (a sandbox started with another notify URL), the
// page reads the order once.
import { useEffect, useRef, useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { notify } from "@/components/ui/toast";
import type { TServiceOrder } from "@/lib/payscore/order";
import { orderProgress } from "@/lib/orders/snapshot";
import { queryKeys, type OrderRef } from "@/lib/query-keys";
import { SANDBOX_USER_ACTIONS, sandboxActionsFor, type SandboxUserAction } from "@/lib/sandbox/controls";
import { sandboxUserAction } from "@/server/actions/sandbox";

const NOTIFICATION_GRACE_MS = 5_000;

export function SandboxControls({ orderRef, order }: { orderRef: OrderRef; order: TServiceOrder }) {
  const t = useTranslations("orders.sandbox");
  const client = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<SandboxUserAction | null>(null);
  const waiting = useRef<{ progress: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const allowed = sandboxActionsFor(order);
  const progress = orderProgress(order);

  // The notification came (the order moved on): no fallback read.
  useEffect(() => {
    if (waiting.current && progress > waiting.current.progress) {
      clearTimeout(waiting.current.timer);
      waiting.current = null;
    }
  }, [progress]);
  useEffect(() => () => clearTimeout(waiting.current?.timer), []);

  const run = (action: SandboxUserAction) => {
    setRunning(action);
    startTransition(async () => {
      const result = await sandboxUserAction({ ...orderRef, action });
      setRunning(null);
      if (!result.ok) {
        notify.error(t("failed", { code: result.error.upstream?.code ?? result.error.code }));
        return;
      }
      notify.success(t(`done.${action}`));
      if (result.data.notifies) {
        const key = queryKeys.order(orderRef);
        clearTimeout(waiting.current?.timer);
        waiting.current = { progress, timer: setTimeout(() => void client.invalidateQueries({ queryKey: key }), NOTIFICATION_GRACE_MS) };
      }
    });
  };

  return (
    <section aria-labelledby="sandbox-controls-title" className="rounded-lg border border-dashed border-violet-300 bg-violet-50/60 p-3" data-testid="sandbox-controls">
      <h3 id="sandbox-controls-title" className="text-sm font-semibold text-violet-900">
        {t("title")}
      </h3>
      <p className="mt-0.5 text-xs text-violet-800">{t("intro")}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {SANDBOX_USER_ACTIONS.map((action) => (
          <Button key={action} size="sm" variant="secondary" disabled={pending || !allowed[action]} onClick={() => run(action)}>
            {running === action ? <Spinner /> : null}
            {t(`actions.${action}`)}
          </Button>
        ))}
      </div>
    </section>
  );
}
