CREATE TABLE "trail_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trail_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"order_seen" jsonb NOT NULL,
	"total_seen" integer,
	"delta" integer,
	"note" text,
	CONSTRAINT "trail_event_once" UNIQUE("trail_id","kind")
);
--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "inflight_key" text;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trail" ADD COLUMN "watch_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trail_event" ADD CONSTRAINT "trail_event_trail_id_trail_id_fk" FOREIGN KEY ("trail_id") REFERENCES "public"."trail"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trail_event_trail_idx" ON "trail_event" USING btree ("trail_id");--> statement-breakpoint
CREATE INDEX "trail_watch_idx" ON "trail" USING btree ("watch_until") WHERE "trail"."watch_until" is not null;--> statement-breakpoint
-- Rows left unsettled before this migration: their calls may have been sent, and the newest of them
-- on each order takes the order's in-flight slot (older ones are settled by the reconciler as usual).
UPDATE "trail" SET "sent_at" = "created_at" WHERE "status" IN ('pending', 'unknown');--> statement-breakpoint
UPDATE "trail" t SET "inflight_key" = t."profile_id" || '|' || coalesce(t."sub_mchid", '') || '|' || t."out_order_no"
WHERE t."id" IN (
  SELECT DISTINCT ON ("profile_id", coalesce("sub_mchid", ''), "out_order_no") "id" FROM "trail"
  WHERE "status" IN ('pending', 'unknown')
  ORDER BY "profile_id", coalesce("sub_mchid", ''), "out_order_no", "created_at" DESC
);--> statement-breakpoint
ALTER TABLE "trail" ADD CONSTRAINT "trail_inflight_key_unique" UNIQUE("inflight_key");