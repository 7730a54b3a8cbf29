CREATE TABLE "bulk_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'checking' NOT NULL,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_by_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"row_count" integer NOT NULL,
	"checked" integer DEFAULT 0 NOT NULL,
	"totals" jsonb,
	"approval_required" boolean DEFAULT false NOT NULL,
	"approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"decided_by_id" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"control_action" text,
	"control_by_name" text,
	"control_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_batch_status_check" CHECK ("bulk_batch"."status" in ('checking', 'previewed', 'awaiting_approval', 'rejected', 'queued', 'running', 'paused', 'cancelled', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "bulk_rate" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rate" double precision NOT NULL,
	"throttled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bulk_row" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"profile_id" text DEFAULT '' NOT NULL,
	"sub_mchid" text,
	"out_order_no" text DEFAULT '' NOT NULL,
	"input" jsonb,
	"verdict" text,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_before" integer,
	"total_after" integer,
	"approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"order_snapshot" jsonb,
	"submission" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome_code" text,
	"outcome_message" text,
	"request_id" text,
	"trail_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"throttled" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	CONSTRAINT "bulk_row_line_unique" UNIQUE("batch_id","line"),
	CONSTRAINT "bulk_row_status_check" CHECK ("bulk_row"."status" in ('pending', 'succeeded', 'failed', 'skipped', 'unknown'))
);
--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "bulk_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "bulk_row" ADD CONSTRAINT "bulk_row_batch_id_bulk_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."bulk_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_batch_created_idx" ON "bulk_batch" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bulk_batch_active_idx" ON "bulk_batch" USING btree ("status") WHERE "bulk_batch"."status" in ('checking', 'queued', 'running');--> statement-breakpoint
CREATE INDEX "bulk_row_batch_status_idx" ON "bulk_row" USING btree ("batch_id","status","line");--> statement-breakpoint
CREATE INDEX "bulk_row_settled_idx" ON "bulk_row" USING btree ("batch_id","settled_at");--> statement-breakpoint
CREATE INDEX "trail_bulk_batch_idx" ON "trail" USING btree ("bulk_batch_id") WHERE "trail"."bulk_batch_id" is not null;