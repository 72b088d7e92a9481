CREATE TABLE "bulk_import_export_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"export_id" integer NOT NULL,
	"batch_number" integer NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"objects_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"record_ids" integer[] NOT NULL,
	"file_path" text,
	"file_size" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_import_exports" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"project_id" integer,
	"user_id" integer NOT NULL,
	"relation" text NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"error" text,
	"batched" boolean DEFAULT false NOT NULL,
	"batches_count" integer DEFAULT 0 NOT NULL,
	"total_objects_count" integer DEFAULT 0 NOT NULL,
	"run_id" text NOT NULL,
	"file_path" text,
	"file_size" bigint,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_import_exports_one_portable" CHECK (("bulk_import_exports"."group_id" IS NULL) <> ("bulk_import_exports"."project_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "bulk_import_export_batches" ADD CONSTRAINT "bulk_import_export_batches_export_id_bulk_import_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."bulk_import_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_exports" ADD CONSTRAINT "bulk_import_exports_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_exports" ADD CONSTRAINT "bulk_import_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_export_batches_export_batch_idx" ON "bulk_import_export_batches" USING btree ("export_id","batch_number");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_exports_group_user_relation_idx" ON "bulk_import_exports" USING btree ("group_id","user_id","relation") WHERE "bulk_import_exports"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_exports_project_user_relation_idx" ON "bulk_import_exports" USING btree ("project_id","user_id","relation") WHERE "bulk_import_exports"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "bulk_import_exports_finished_idx" ON "bulk_import_exports" USING btree ("finished_at");