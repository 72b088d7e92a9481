CREATE TABLE "epic_issues" (
	"issue_id" integer PRIMARY KEY NOT NULL,
	"epic_id" integer NOT NULL,
	"relative_position" integer,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_assignees" (
	"issue_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "issue_assignees_issue_id_user_id_pk" PRIMARY KEY("issue_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "issue_labels" (
	"issue_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	CONSTRAINT "issue_labels_issue_id_label_id_pk" PRIMARY KEY("issue_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"iid" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'opened' NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"author_id" integer,
	"closed_by_id" integer,
	"updated_by_id" integer,
	"last_edited_by_id" integer,
	"milestone_id" integer,
	"iteration_id" integer,
	"weight" integer,
	"due_date" date,
	"discussion_locked" boolean,
	"time_estimate" integer DEFAULT 0 NOT NULL,
	"relative_position" integer,
	"work_item_type" text DEFAULT 'issue' NOT NULL,
	"health_status" text,
	"closed_at" timestamp with time zone,
	"last_edited_at" timestamp with time zone,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timelogs" (
	"id" serial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"user_id" integer,
	"time_spent" integer NOT NULL,
	"spent_at" timestamp with time zone,
	"summary" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zoom_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"url" text NOT NULL,
	"issue_status" integer DEFAULT 1 NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_label_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"project_id" integer,
	"epic_id" integer,
	"issue_id" integer,
	"label_id" integer,
	"user_id" integer,
	"action" text NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_label_events_one_target" CHECK (num_nonnulls("resource_label_events"."epic_id", "resource_label_events"."issue_id") = 1),
	CONSTRAINT "resource_label_events_one_owner" CHECK (num_nonnulls("resource_label_events"."group_id", "resource_label_events"."project_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "resource_milestone_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer,
	"project_id" integer,
	"epic_id" integer,
	"issue_id" integer,
	"milestone_id" integer,
	"user_id" integer,
	"action" text NOT NULL,
	"state" text DEFAULT 'opened' NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_milestone_events_one_target" CHECK (num_nonnulls("resource_milestone_events"."epic_id", "resource_milestone_events"."issue_id") = 1),
	CONSTRAINT "resource_milestone_events_one_owner" CHECK (num_nonnulls("resource_milestone_events"."group_id", "resource_milestone_events"."project_id") = 1)
);
--> statement-breakpoint
DROP INDEX "resource_state_events_epic_idx";--> statement-breakpoint
ALTER TABLE "resource_state_events" ALTER COLUMN "epic_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD COLUMN "issue_id" integer;--> statement-breakpoint
ALTER TABLE "epic_issues" ADD CONSTRAINT "epic_issues_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_issues" ADD CONSTRAINT "epic_issues_epic_id_epics_id_fk" FOREIGN KEY ("epic_id") REFERENCES "public"."epics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_assignees" ADD CONSTRAINT "issue_assignees_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_assignees" ADD CONSTRAINT "issue_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_labels" ADD CONSTRAINT "issue_labels_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_labels" ADD CONSTRAINT "issue_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_iteration_id_iterations_id_fk" FOREIGN KEY ("iteration_id") REFERENCES "public"."iterations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timelogs" ADD CONSTRAINT "timelogs_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timelogs" ADD CONSTRAINT "timelogs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zoom_meetings" ADD CONSTRAINT "zoom_meetings_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_epic_id_epics_id_fk" FOREIGN KEY ("epic_id") REFERENCES "public"."epics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_epic_id_epics_id_fk" FOREIGN KEY ("epic_id") REFERENCES "public"."epics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "epic_issues_epic_idx" ON "epic_issues" USING btree ("epic_id","relative_position");--> statement-breakpoint
CREATE INDEX "issue_assignees_user_idx" ON "issue_assignees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "issue_labels_label_idx" ON "issue_labels" USING btree ("label_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issues_project_iid_idx" ON "issues" USING btree ("project_id","iid");--> statement-breakpoint
CREATE INDEX "issues_project_created_idx" ON "issues" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "issues_project_updated_idx" ON "issues" USING btree ("project_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "issues_project_state_created_idx" ON "issues" USING btree ("project_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "issues_milestone_idx" ON "issues" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "issues_iteration_idx" ON "issues" USING btree ("iteration_id");--> statement-breakpoint
CREATE INDEX "issues_author_idx" ON "issues" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "issues_closed_by_idx" ON "issues" USING btree ("closed_by_id");--> statement-breakpoint
CREATE INDEX "issues_updated_by_idx" ON "issues" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "issues_last_edited_by_idx" ON "issues" USING btree ("last_edited_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issues_import_key_idx" ON "issues" USING btree ("import_entity_id","import_key") WHERE "issues"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "timelogs_issue_idx" ON "timelogs" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "timelogs_user_idx" ON "timelogs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "zoom_meetings_issue_idx" ON "zoom_meetings" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "resource_label_events_epic_idx" ON "resource_label_events" USING btree ("epic_id","created_at") WHERE "resource_label_events"."epic_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_label_events_issue_idx" ON "resource_label_events" USING btree ("issue_id","created_at") WHERE "resource_label_events"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_label_events_user_idx" ON "resource_label_events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "resource_label_events_label_idx" ON "resource_label_events" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "resource_label_events_group_idx" ON "resource_label_events" USING btree ("group_id") WHERE "resource_label_events"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_label_events_project_idx" ON "resource_label_events" USING btree ("project_id") WHERE "resource_label_events"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_milestone_events_epic_idx" ON "resource_milestone_events" USING btree ("epic_id","created_at") WHERE "resource_milestone_events"."epic_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_milestone_events_issue_idx" ON "resource_milestone_events" USING btree ("issue_id","created_at") WHERE "resource_milestone_events"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_milestone_events_user_idx" ON "resource_milestone_events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "resource_milestone_events_milestone_idx" ON "resource_milestone_events" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "resource_milestone_events_group_idx" ON "resource_milestone_events" USING btree ("group_id") WHERE "resource_milestone_events"."group_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_milestone_events_project_idx" ON "resource_milestone_events" USING btree ("project_id") WHERE "resource_milestone_events"."project_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_state_events_issue_idx" ON "resource_state_events" USING btree ("issue_id","created_at") WHERE "resource_state_events"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_state_events_epic_idx" ON "resource_state_events" USING btree ("epic_id","created_at") WHERE "resource_state_events"."epic_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_one_target" CHECK (num_nonnulls("resource_state_events"."epic_id", "resource_state_events"."issue_id") = 1);