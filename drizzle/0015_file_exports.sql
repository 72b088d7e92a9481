CREATE TABLE "file_exports" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"project_id" integer,
	"user_id" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_id" text NOT NULL,
	"file_path" text,
	"file_name" text,
	"file_size" bigint,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_exports_one_portable" CHECK (("file_exports"."group_id" IS NULL) <> ("file_exports"."project_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"scope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "file_export_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "file_import_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "max_import_size_mb" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "group_import_limit" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "group_export_limit" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "group_download_export_limit" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "project_import_limit" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "project_export_limit" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "project_download_export_limit" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "file_exports" ADD CONSTRAINT "file_exports_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_exports" ADD CONSTRAINT "file_exports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_exports" ADD CONSTRAINT "file_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "file_exports_group_user_idx" ON "file_exports" USING btree ("group_id","user_id") WHERE "file_exports"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "file_exports_project_user_idx" ON "file_exports" USING btree ("project_id","user_id") WHERE "file_exports"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "file_exports_finished_idx" ON "file_exports" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_action_scope_idx" ON "rate_limit_hits" USING btree ("action","scope","created_at");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_created_idx" ON "rate_limit_hits" USING btree ("created_at");