"use client";
// The upload form wired to the real parser (lib/bulk/file.ts, loaded when a file is first chosen, so
// papaparse and the GBK tables stay out of the page's first load) and the upload action; once the
// batch exists the list is read again and its page opened.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { queryKeys } from "@/lib/query-keys";
import type { ParseBulkFile } from "@/lib/bulk/types";
import { uploadBulkFileAction } from "@/server/actions/bulk";
import { BulkUpload } from "./bulk-upload";
import type { LookupProfile } from "./target-lookup";

const loadParser = (): Promise<ParseBulkFile> => import("@/lib/bulk/file").then((module) => module.parseBulkFile);

export function BulkUploadConnected({ profiles }: { profiles: LookupProfile[] }) {
  const router = useRouter();
  const client = useQueryClient();
  return (
    <BulkUpload
      profiles={profiles}
      loadParser={loadParser}
      upload={uploadBulkFileAction}
      onUploaded={(batchId) => {
        void client.invalidateQueries({ queryKey: queryKeys.bulkBatches() });
        router.push(`/bulk/${batchId}`);
      }}
    />
  );
}
