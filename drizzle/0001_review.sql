CREATE TABLE "review_count" (
	"user_id" text PRIMARY KEY NOT NULL,
	"changes" integer DEFAULT 0 NOT NULL,
	"reviewed" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trail_id" uuid NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"user_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_event_action_check" CHECK ("review_event"."action" in ('reviewed', 'flagged', 'unflagged'))
);
--> statement-breakpoint
CREATE TABLE "trail_review" (
	"trail_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"trail_created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_name" text NOT NULL,
	"last_comment" text,
	CONSTRAINT "trail_review_state_check" CHECK ("trail_review"."state" in ('unreviewed', 'reviewed', 'flagged'))
);
--> statement-breakpoint
ALTER TABLE "review_event" ADD CONSTRAINT "review_event_trail_id_trail_id_fk" FOREIGN KEY ("trail_id") REFERENCES "public"."trail"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trail_review" ADD CONSTRAINT "trail_review_trail_id_trail_id_fk" FOREIGN KEY ("trail_id") REFERENCES "public"."trail"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_event_trail_idx" ON "review_event" USING btree ("trail_id","created_at");--> statement-breakpoint
CREATE INDEX "trail_review_state_idx" ON "trail_review" USING btree ("state","trail_created_at" DESC NULLS LAST,"trail_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "trail_out_order_no_prefix_idx" ON "trail" USING btree ("out_order_no" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "trail_delta_idx" ON "trail" USING btree (coalesce("delta", 0) desc nulls last,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);