CREATE TABLE "approval_policy" (
	"profile_id" text NOT NULL,
	"sub_mchid" text DEFAULT '' NOT NULL,
	"max_reduction_fen" integer,
	"max_reduction_percent" integer,
	"max_complete_risk_percent" integer,
	"reason_categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cancel_completed" boolean DEFAULT false NOT NULL,
	"expires_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" text NOT NULL,
	"updated_by_name" text NOT NULL,
	CONSTRAINT "approval_policy_profile_id_sub_mchid_pk" PRIMARY KEY("profile_id","sub_mchid")
);
--> statement-breakpoint
CREATE TABLE "approval_policy_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" text NOT NULL,
	"sub_mchid" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trail" DROP CONSTRAINT "trail_status_check";--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "approval_reasons" jsonb;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "request_input" jsonb;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "decided_by_id" text;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "decided_by_name" text;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "decision_comment" text;--> statement-breakpoint
CREATE INDEX "approval_policy_event_idx" ON "approval_policy_event" USING btree ("profile_id","sub_mchid","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "trail_awaiting_idx" ON "trail" USING btree ("created_at") WHERE "trail"."status" = 'awaiting_approval';--> statement-breakpoint
ALTER TABLE "trail" ADD CONSTRAINT "trail_status_check" CHECK ("trail"."status" in ('pending', 'succeeded', 'failed', 'unknown', 'awaiting_approval', 'rejected', 'withdrawn', 'expired'));