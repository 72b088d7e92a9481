CREATE TABLE "project_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"access_level" integer NOT NULL,
	"expires_at" date,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"namespace_id" integer NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"visibility_level" integer DEFAULT 0 NOT NULL,
	"default_branch" text,
	"archived" boolean DEFAULT false NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_visibility_level" CHECK ("projects"."visibility_level" IN (0, 10, 20))
);
--> statement-breakpoint
DROP INDEX "labels_group_title_idx";--> statement-breakpoint
DROP INDEX "milestones_group_iid_idx";--> statement-breakpoint
DROP INDEX "milestones_group_title_idx";--> statement-breakpoint
DROP INDEX "badges_group_idx";--> statement-breakpoint
DROP INDEX "boards_group_idx";--> statement-breakpoint
DROP INDEX "events_group_idx";--> statement-breakpoint
DROP INDEX "uploads_group_secret_idx";--> statement-breakpoint
ALTER TABLE "labels" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "badges" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "boards" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notes" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "labels" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "boards" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD COLUMN "group_id" integer;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD COLUMN "project_id" integer;--> statement-breakpoint
-- Hand-written: a state change belongs to its epic's group, so that every row has its owner before the CHECK below.
UPDATE "resource_state_events" SET "group_id" = "epics"."group_id" FROM "epics" WHERE "epics"."id" = "resource_state_events"."epic_id";--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_namespace_id_groups_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "project_members_project_user_idx" ON "project_members" USING btree ("project_id","user_id");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_namespace_path_idx" ON "projects" USING btree ("namespace_id",lower("path"));--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_exports" ADD CONSTRAINT "bulk_import_exports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "labels_project_title_idx" ON "labels" USING btree ("project_id","title") WHERE "labels"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_project_iid_idx" ON "milestones" USING btree ("project_id","iid") WHERE "milestones"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "milestones_project_title_idx" ON "milestones" USING btree ("project_id","title") WHERE "milestones"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "badges_project_idx" ON "badges" USING btree ("project_id","id") WHERE "badges"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "boards_project_idx" ON "boards" USING btree ("project_id","name") WHERE "boards"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_project_idx" ON "events" USING btree ("project_id","created_at") WHERE "events"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_group_idx" ON "notes" USING btree ("group_id") WHERE "notes"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_project_idx" ON "notes" USING btree ("project_id") WHERE "notes"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_state_events_group_idx" ON "resource_state_events" USING btree ("group_id") WHERE "resource_state_events"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_state_events_project_idx" ON "resource_state_events" USING btree ("project_id") WHERE "resource_state_events"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uploads_project_secret_idx" ON "uploads" USING btree ("project_id","secret","filename") WHERE "uploads"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "labels_group_title_idx" ON "labels" USING btree ("group_id","title") WHERE "labels"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_group_iid_idx" ON "milestones" USING btree ("group_id","iid") WHERE "milestones"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "milestones_group_title_idx" ON "milestones" USING btree ("group_id","title") WHERE "milestones"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "badges_group_idx" ON "badges" USING btree ("group_id","id") WHERE "badges"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "boards_group_idx" ON "boards" USING btree ("group_id","name") WHERE "boards"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_group_idx" ON "events" USING btree ("group_id","created_at") WHERE "events"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uploads_group_secret_idx" ON "uploads" USING btree ("group_id","secret","filename") WHERE "uploads"."group_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_one_owner" CHECK (num_nonnulls("labels"."group_id", "labels"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_one_owner" CHECK (num_nonnulls("milestones"."group_id", "milestones"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_one_owner" CHECK (num_nonnulls("badges"."group_id", "badges"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_one_owner" CHECK (num_nonnulls("boards"."group_id", "boards"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_one_owner" CHECK (num_nonnulls("events"."group_id", "events"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_one_owner" CHECK (num_nonnulls("notes"."group_id", "notes"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_one_owner" CHECK (num_nonnulls("resource_state_events"."group_id", "resource_state_events"."project_id") = 1);--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_one_owner" CHECK (num_nonnulls("uploads"."group_id", "uploads"."project_id") = 1);