CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" text NOT NULL,
	"notification_id" text NOT NULL,
	"event_type" text NOT NULL,
	"summary" text,
	"create_time" text NOT NULL,
	"resource" jsonb NOT NULL,
	"sub_mchid" text,
	"out_order_no" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_once" UNIQUE("profile_id","notification_id")
);
--> statement-breakpoint
CREATE INDEX "notification_order_idx" ON "notification" USING btree ("profile_id","out_order_no","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_received_idx" ON "notification" USING btree ("received_at" DESC NULLS LAST);