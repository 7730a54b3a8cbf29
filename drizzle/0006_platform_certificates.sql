CREATE TABLE "platform_certificate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" text NOT NULL,
	"serial_no" text NOT NULL,
	"pem" text NOT NULL,
	"effective_time" timestamp with time zone NOT NULL,
	"expire_time" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"vouched_by" text NOT NULL,
	"chained_to" text,
	"request_id" text,
	CONSTRAINT "platform_certificate_once" UNIQUE("profile_id","serial_no")
);
