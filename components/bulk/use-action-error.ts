// What a refused bulk action says, in the reader's language: the console's code (bulk.errors.<code>),
// else the code itself in a sentence.
import { useTranslations } from "next-intl";
import type { AppErrorInfo } from "@/lib/actions/result";

export function useActionErrorText(): (error: Pick<AppErrorInfo, "code" | "reason">) => string {
  const t = useTranslations("bulk.errors");
  return (error) => {
    if (t.has(error.code)) return t(error.code);
    return t("other", { code: error.reason ? `${error.code}: ${error.reason}` : error.code });
  };
}
