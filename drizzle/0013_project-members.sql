CREATE TABLE "external_pull_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"pull_request_iid" integer NOT NULL,
	"status" text NOT NULL,
	"source_branch" text NOT NULL,
	"target_branch" text NOT NULL,
	"source_repository" text NOT NULL,
	"target_repository" text NOT NULL,
	"source_sha" text NOT NULL,
	"target_sha" text NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_pipeline_schedules" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"ref" text,
	"cron" text NOT NULL,
	"cron_timezone" text DEFAULT 'UTC' NOT NULL,
	"next_run_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"owner_id" integer,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_custom_attributes" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "external_pull_requests" ADD CONSTRAINT "external_pull_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_pull_requests" ADD CONSTRAINT "external_pull_requests_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custom_attributes" ADD CONSTRAINT "project_custom_attributes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custom_attributes" ADD CONSTRAINT "project_custom_attributes_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_pull_requests_project_branches_idx" ON "external_pull_requests" USING btree ("project_id","source_branch","target_branch");--> statement-breakpoint
CREATE UNIQUE INDEX "external_pull_requests_import_key_idx" ON "external_pull_requests" USING btree ("import_entity_id","import_key") WHERE "external_pull_requests"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_pipeline_schedules_project_idx" ON "ci_pipeline_schedules" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "ci_pipeline_schedules_owner_idx" ON "ci_pipeline_schedules" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_pipeline_schedules_import_key_idx" ON "ci_pipeline_schedules" USING btree ("import_entity_id","import_key") WHERE "ci_pipeline_schedules"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "project_custom_attributes_project_key_idx" ON "project_custom_attributes" USING btree ("project_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "project_custom_attributes_import_key_idx" ON "project_custom_attributes" USING btree ("import_entity_id","import_key") WHERE "project_custom_attributes"."import_key" IS NOT NULL;