CREATE TABLE "design_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"design_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"event" smallint DEFAULT 0 NOT NULL,
	"image_v432x230" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "design_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"sha" text NOT NULL,
	"author_id" integer,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designs" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"issue_id" integer NOT NULL,
	"iid" integer,
	"filename" text NOT NULL,
	"relative_position" integer,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "design_actions" ADD CONSTRAINT "design_actions_design_id_designs_id_fk" FOREIGN KEY ("design_id") REFERENCES "public"."designs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_actions" ADD CONSTRAINT "design_actions_version_id_design_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."design_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_versions" ADD CONSTRAINT "design_versions_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_versions" ADD CONSTRAINT "design_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_versions" ADD CONSTRAINT "design_versions_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designs" ADD CONSTRAINT "designs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designs" ADD CONSTRAINT "designs_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designs" ADD CONSTRAINT "designs_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "design_actions_version_design_idx" ON "design_actions" USING btree ("version_id","design_id");--> statement-breakpoint
CREATE INDEX "design_actions_design_idx" ON "design_actions" USING btree ("design_id");--> statement-breakpoint
CREATE UNIQUE INDEX "design_versions_issue_sha_idx" ON "design_versions" USING btree ("issue_id","sha");--> statement-breakpoint
CREATE INDEX "design_versions_author_idx" ON "design_versions" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "design_versions_import_key_idx" ON "design_versions" USING btree ("import_entity_id","import_key") WHERE "design_versions"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "designs_issue_filename_idx" ON "designs" USING btree ("issue_id","filename");--> statement-breakpoint
CREATE INDEX "designs_project_iid_idx" ON "designs" USING btree ("project_id","iid");--> statement-breakpoint
CREATE UNIQUE INDEX "designs_import_key_idx" ON "designs" USING btree ("import_entity_id","import_key") WHERE "designs"."import_key" IS NOT NULL;