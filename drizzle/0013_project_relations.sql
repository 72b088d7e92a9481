CREATE TABLE "lfs_objects" (
	"id" serial PRIMARY KEY NOT NULL,
	"oid" text NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lfs_objects_oid_sha256" CHECK ("lfs_objects"."oid" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "lfs_objects_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"lfs_object_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"repository_type" text,
	"import_entity_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lfs_objects_projects_repository_type" CHECK ("lfs_objects_projects"."repository_type" IN ('project', 'wiki', 'design'))
);
--> statement-breakpoint
CREATE TABLE "milestone_releases" (
	"release_id" integer NOT NULL,
	"milestone_id" integer NOT NULL,
	CONSTRAINT "milestone_releases_release_id_milestone_id_pk" PRIMARY KEY("release_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "release_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"filepath" text,
	"link_type" text DEFAULT 'other' NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"tag_name" text NOT NULL,
	"name" text,
	"description" text,
	"sha" text,
	"author_id" integer,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protected_branches" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"allow_force_push" boolean DEFAULT false NOT NULL,
	"code_owner_approval_required" boolean DEFAULT false NOT NULL,
	"merge_access_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"push_access_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unprotect_access_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protected_tags" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"create_access_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snippets" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"author_id" integer,
	"title" text NOT NULL,
	"description" text,
	"content" text DEFAULT '' NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"visibility_level" integer DEFAULT 0 NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snippets_visibility_level" CHECK ("snippets"."visibility_level" IN (0, 10, 20))
);
--> statement-breakpoint
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
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_lfs_object_id_lfs_objects_id_fk" FOREIGN KEY ("lfs_object_id") REFERENCES "public"."lfs_objects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_releases" ADD CONSTRAINT "milestone_releases_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_releases" ADD CONSTRAINT "milestone_releases_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_links" ADD CONSTRAINT "release_links_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_branches" ADD CONSTRAINT "protected_branches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_branches" ADD CONSTRAINT "protected_branches_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_tags" ADD CONSTRAINT "protected_tags_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_tags" ADD CONSTRAINT "protected_tags_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_pull_requests" ADD CONSTRAINT "external_pull_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_pull_requests" ADD CONSTRAINT "external_pull_requests_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ci_pipeline_schedules" ADD CONSTRAINT "ci_pipeline_schedules_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custom_attributes" ADD CONSTRAINT "project_custom_attributes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_custom_attributes" ADD CONSTRAINT "project_custom_attributes_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_oid_idx" ON "lfs_objects" USING btree ("oid");--> statement-breakpoint
CREATE INDEX "lfs_objects_projects_project_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id");--> statement-breakpoint
CREATE INDEX "lfs_objects_projects_object_idx" ON "lfs_objects_projects" USING btree ("lfs_object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_projects_typed_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id","repository_type") WHERE "lfs_objects_projects"."repository_type" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_projects_untyped_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id") WHERE "lfs_objects_projects"."repository_type" IS NULL;--> statement-breakpoint
CREATE INDEX "milestone_releases_milestone_idx" ON "milestone_releases" USING btree ("milestone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "release_links_release_name_idx" ON "release_links" USING btree ("release_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "release_links_release_url_idx" ON "release_links" USING btree ("release_id","url");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_project_tag_idx" ON "releases" USING btree ("project_id","tag_name");--> statement-breakpoint
CREATE INDEX "releases_project_released_idx" ON "releases" USING btree ("project_id","released_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_import_key_idx" ON "releases" USING btree ("import_entity_id","import_key") WHERE "releases"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "protected_branches_project_name_idx" ON "protected_branches" USING btree ("project_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "protected_branches_import_key_idx" ON "protected_branches" USING btree ("import_entity_id","import_key") WHERE "protected_branches"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "protected_tags_project_name_idx" ON "protected_tags" USING btree ("project_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "protected_tags_import_key_idx" ON "protected_tags" USING btree ("import_entity_id","import_key") WHERE "protected_tags"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "snippets_project_created_idx" ON "snippets" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "snippets_project_title_idx" ON "snippets" USING btree ("project_id","title");--> statement-breakpoint
CREATE INDEX "snippets_author_idx" ON "snippets" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "snippets_import_key_idx" ON "snippets" USING btree ("import_entity_id","import_key") WHERE "snippets"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "external_pull_requests_project_branches_idx" ON "external_pull_requests" USING btree ("project_id","source_branch","target_branch");--> statement-breakpoint
CREATE UNIQUE INDEX "external_pull_requests_import_key_idx" ON "external_pull_requests" USING btree ("import_entity_id","import_key") WHERE "external_pull_requests"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_pipeline_schedules_project_idx" ON "ci_pipeline_schedules" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "ci_pipeline_schedules_owner_idx" ON "ci_pipeline_schedules" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ci_pipeline_schedules_import_key_idx" ON "ci_pipeline_schedules" USING btree ("import_entity_id","import_key") WHERE "ci_pipeline_schedules"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "project_custom_attributes_project_key_idx" ON "project_custom_attributes" USING btree ("project_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "project_custom_attributes_import_key_idx" ON "project_custom_attributes" USING btree ("import_entity_id","import_key") WHERE "project_custom_attributes"."import_key" IS NOT NULL;