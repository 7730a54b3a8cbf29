"use client";
// The upload form of /bulk: the templates (Chinese or English headers), a drop zone with a file
// picker, and an instant check of the chosen file in the browser with the same parser the server
// runs (lib/bulk/file.ts, loaded on first use): a refused file says exactly why (which column is
// unknown, which encoding was found, how many rows), an accepted one how many rows and problems it
// has. Only then is it uploaded; the server parses it again (authoritative) and starts the dry run.
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, type DragEvent } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button, Spinner, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/variants";
import type { ActionResult, AppErrorInfo } from "@/lib/actions/result";
import type { BulkFileError, BulkParseResult, ParseBulkFile } from "@/lib/bulk/types";
import { lookupFromProfiles, type LookupProfile } from "./target-lookup";
import { useActionErrorText } from "./use-action-error";

type Checked =
  | { kind: "none" }
  | { kind: "reading"; file: File }
  | { kind: "checked"; file: File; result: BulkParseResult }
  | { kind: "unreadable"; file: File };

export interface BulkUploadProps {
  profiles: readonly LookupProfile[];
  /** The parser, loaded when a file is first chosen (its code is not in the page's first load). */
  loadParser(): Promise<ParseBulkFile>;
  upload(form: FormData): Promise<ActionResult<{ batchId: string }>>;
  onUploaded(batchId: string): void;
}

/** The file refusal in a refused upload's answer (server/bulk/upload.ts: reason = the code, issues[0].params). */
// (Not lib/bulk/file's code list: that module, the parser, is loaded only when a file is chosen.)
function fileRefusalOf(error: AppErrorInfo, isFileErrorCode: (code: string) => boolean): BulkFileError | null {
  if (!error.reason || !isFileErrorCode(error.reason)) return null;
  const { file: _file, ...params } = error.issues?.[0]?.params ?? {};
  return { code: error.reason as BulkFileError["code"], params };
}

/** The file-level refusal in the reader's language (bulk.file.errors.<code>), with the parser's parameters. */
export function useFileErrorText() {
  const t = useTranslations("bulk.file.errors");
  return (error: BulkFileError): string => {
    // ICU needs every argument a message may name; the parser gives those its refusal has.
    const values: Record<string, string | number> = { column: "", first: "", position: "", max: "", line: "", kind: "other", ...error.params };
    return t.has(error.code) ? t(error.code, values) : error.code;
  };
}

export function BulkUpload({ profiles, loadParser, upload, onUploaded }: BulkUploadProps) {
  const t = useTranslations("bulk");
  const fileErrorText = useFileErrorText();
  const actionErrorText = useActionErrorText();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const lookup = useMemo(() => lookupFromProfiles(profiles), [profiles]);
  const [checked, setChecked] = useState<Checked>({ kind: "none" });
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The newest choice wins: a slow check of an earlier file never replaces a later one's.
  const choice = useRef(0);

  const check = async (file: File) => {
    const mine = ++choice.current;
    setFailure(null);
    setChecked({ kind: "reading", file });
    try {
      const [parse, buffer] = await Promise.all([loadParser(), file.arrayBuffer()]);
      const result = parse(new Uint8Array(buffer), lookup);
      if (mine === choice.current) setChecked({ kind: "checked", file, result });
    } catch {
      if (mine === choice.current) setChecked({ kind: "unreadable", file });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void check(file);
  };

  const send = async () => {
    if (checked.kind !== "checked" || !checked.result.ok) return;
    setUploading(true);
    setFailure(null);
    const form = new FormData();
    form.set("file", checked.file, checked.file.name);
    try {
      const result = await upload(form);
      if (result.ok) return onUploaded(result.data.batchId);
      // The server's parser refused the file (it may know more than the browser's check, e.g. a
      // profile removed since the page was read): its reason in the same words.
      const refusal = result.error.code === "INVALID_INPUT" ? fileRefusalOf(result.error, (code) => t.has(`file.errors.${code}`)) : null;
      setFailure(t("upload.uploadFailed", { message: refusal ? fileErrorText(refusal) : actionErrorText(result.error) }));
    } catch {
      setFailure(t("upload.uploadFailed", { message: t("errors.UNREACHABLE") }));
    }
    setUploading(false);
  };

  return (
    <section aria-labelledby={`${inputId}-title`} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="bulk-upload">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={`${inputId}-title`} className="text-base font-semibold text-slate-900">
            {t("upload.title")}
          </h2>
          <p id={hintId} className="mt-1 text-sm text-slate-600">
            {t("template.hint")} {t("upload.limits")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2" role="group" aria-label={t("template.title")}>
          <a href="/api/bulk/template.csv?lang=zh" download className={buttonClass({ variant: "secondary", size: "sm" })}>
            {t("file.template.zh")}
          </a>
          <a href="/api/bulk/template.csv?lang=en" download className={buttonClass({ variant: "secondary", size: "sm" })}>
            {t("file.template.en")}
          </a>
        </div>
      </div>

      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center text-sm text-slate-600",
          dragging ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-slate-50",
        )}
        data-testid="bulk-drop"
      >
        <p>
          {t("upload.drop")}{" "}
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={hintId}
            className="peer sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void check(file);
              event.target.value = "";
            }}
          />
          <label
            htmlFor={inputId}
            className="cursor-pointer font-medium text-blue-700 underline-offset-2 hover:underline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600"
          >
            {t("upload.choose")}
            <span className="sr-only"> ({t("upload.fileLabel")})</span>
          </label>
        </p>
      </div>

      <div aria-live="polite" className="space-y-3">
        {checked.kind === "reading" ? (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> {t("upload.reading")}
          </p>
        ) : null}
        {checked.kind === "unreadable" ? (
          <Alert tone="danger" role="alert" data-testid="bulk-file-error">
            <AlertTitle>{t("upload.refusedTitle")}</AlertTitle>
            <p className="mt-1">{t("file.errors.not_csv", { kind: "other", line: "" })}</p>
          </Alert>
        ) : null}
        {checked.kind === "checked" && !checked.result.ok ? (
          <Alert tone="danger" role="alert" data-testid="bulk-file-error" data-code={checked.result.error.code}>
            <AlertTitle>{t("upload.refusedTitle")}</AlertTitle>
            <p className="mt-1 font-mono text-xs break-all">{checked.file.name}</p>
            <p className="mt-1" data-testid="bulk-file-error-message">
              {fileErrorText(checked.result.error)}
            </p>
            {checked.result.encoding ? <p className="mt-1 text-xs">{t("file.encodingFound", { encoding: t(`file.encoding.${checked.result.encoding}`) })}</p> : null}
          </Alert>
        ) : null}
        {checked.kind === "checked" && checked.result.ok ? (
          <div className="space-y-3 rounded-lg border border-slate-200 p-3" data-testid="bulk-file-ok">
            <p className="font-mono text-sm break-all">{checked.file.name}</p>
            <p className="text-sm" data-testid="bulk-file-summary">
              {t("upload.summary", { rows: checked.result.raw.length, problems: checked.result.problems.length })}
            </p>
            <p className="text-xs text-slate-600" data-testid="bulk-file-encoding">
              {t("file.encodingFound", { encoding: t(`file.encoding.${checked.result.encoding}`) })}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="primary" onClick={() => void send()} disabled={uploading} aria-busy={uploading || undefined}>
                {uploading ? <Spinner /> : null}
                {uploading ? t("upload.uploading") : t("upload.submit")}
              </Button>
              <Button variant="ghost" onClick={() => inputRef.current?.click()} disabled={uploading}>
                {t("upload.another")}
              </Button>
            </div>
          </div>
        ) : null}
        {failure ? (
          <Alert tone="danger" role="alert" data-testid="bulk-upload-failure">
            {failure}
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
