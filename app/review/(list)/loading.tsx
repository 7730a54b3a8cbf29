// While the review list reads the trail (in the (list) group, so that it does not wrap trends/): the
// real heading (it needs only the role: the session is already read, and cached, by the layout) and
// the filters and table in outline.
import { useTranslations } from "next-intl";
import { ReviewHeading } from "@/components/review/review-heading";
import { PageLoading, PanelSkeleton } from "@/components/shell/page-loading";
import { reviewScopeOf } from "@/lib/review/states";
import { getSessionUser } from "@/server/auth/guard";

export default async function ReviewLoading() {
  const user = await getSessionUser();
  return <ReviewLoadingView seesAll={user !== null && reviewScopeOf(user).kind === "all"} />;
}

function ReviewLoadingView({ seesAll }: { seesAll: boolean }) {
  const t = useTranslations("app.loading");
  return (
    <PageLoading label={t("review")}>
      <ReviewHeading seesAll={seesAll} />
      <PanelSkeleton rows={2} />
      <PanelSkeleton rows={8} />
    </PageLoading>
  );
}
