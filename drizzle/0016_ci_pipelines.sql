CREATE TABLE "ci_builds" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"stage_id" integer,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"stage" text,
	"stage_idx" integer,
	"ref" text,
	"tag" boolean DEFAULT false NOT NULL,
	"when" text,
	"allow_failure" boolean DEFAULT false NOT NULL,
	"coverage" double precision,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"queued_at" timestamp with time zone,
	"duration" double precision,
	"user_id" integer,
	"description" text,
	"target_url" text,
	"options" jsonb,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_pipelines" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"iid" integer,
	"ref" text,
	"sha" text NOT NULL,
	"before_sha" text,
	"tag" boolean DEFAULT false NOT NULL,
	"source" text,
	"status" text NOT NULL,
	"yaml_errors" text,
	"duration" integer,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"user_id" integer,
	"protected" boolean DEFAULT false NOT NULL,
	"merge_request_iid" integer,
	"external_pull_request_id" integer,
	"name" text,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ci_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"pipeline_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer,
	"status" text,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "commit_id" text;--> statement-breakpoint
ALTER TABLE "ci_builds" ADD CONSTRAINT "ci_builds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_builds" ADD CONSTRAINT "ci_builds_pipeline_id_ci_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."ci_pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_builds" ADD CONSTRAINT "ci_builds_stage_id_ci_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."ci_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_builds" ADD CONSTRAINT "ci_builds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_builds" ADD CONSTRAINT "ci_builds_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipelines" ADD CONSTRAINT "ci_pipelines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipelines" ADD CONSTRAINT "ci_pipelines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipelines" ADD CONSTRAINT "ci_pipelines_external_pull_request_id_external_pull_requests_id_fk" FOREIGN KEY ("external_pull_request_id") REFERENCES "public"."external_pull_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipelines" ADD CONSTRAINT "ci_pipelines_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_stages" ADD CONSTRAINT "ci_stages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_stages" ADD CONSTRAINT "ci_stages_pipeline_id_ci_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."ci_pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_stages" ADD CONSTRAINT "ci_stages_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ci_builds_pipeline_idx" ON "ci_builds" USING btree ("pipeline_id","type","id");--> statement-breakpoint
CREATE INDEX "ci_builds_project_idx" ON "ci_builds" USING btree ("project_id","type","id");--> statement-breakpoint
CREATE INDEX "ci_builds_stage_idx" ON "ci_builds" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "ci_builds_user_idx" ON "ci_builds" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_builds_import_key_idx" ON "ci_builds" USING btree ("import_entity_id","import_key") WHERE "ci_builds"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_pipelines_project_idx" ON "ci_pipelines" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "ci_pipelines_project_status_idx" ON "ci_pipelines" USING btree ("project_id","status","id");--> statement-breakpoint
CREATE INDEX "ci_pipelines_project_ref_idx" ON "ci_pipelines" USING btree ("project_id","ref","id");--> statement-breakpoint
CREATE INDEX "ci_pipelines_project_sha_idx" ON "ci_pipelines" USING btree ("project_id","sha");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_pipelines_project_iid_idx" ON "ci_pipelines" USING btree ("project_id","iid") WHERE "ci_pipelines"."iid" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_pipelines_user_idx" ON "ci_pipelines" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ci_pipelines_external_pull_request_idx" ON "ci_pipelines" USING btree ("external_pull_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_pipelines_import_key_idx" ON "ci_pipelines" USING btree ("import_entity_id","import_key") WHERE "ci_pipelines"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_stages_pipeline_idx" ON "ci_stages" USING btree ("pipeline_id","position","id");--> statement-breakpoint
CREATE INDEX "ci_stages_project_idx" ON "ci_stages" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_stages_import_key_idx" ON "ci_stages" USING btree ("import_entity_id","import_key") WHERE "ci_stages"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_commit_idx" ON "notes" USING btree ("project_id","commit_id","id") WHERE "notes"."commit_id" IS NOT NULL;