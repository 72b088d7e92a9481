CREATE TABLE "merge_request_approvals" (
	"merge_request_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_request_approvals_merge_request_id_user_id_pk" PRIMARY KEY("merge_request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "merge_request_assignees" (
	"merge_request_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_request_assignees_merge_request_id_user_id_pk" PRIMARY KEY("merge_request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "merge_request_diff_commits" (
	"merge_request_diff_id" integer NOT NULL,
	"relative_order" integer NOT NULL,
	"sha" text NOT NULL,
	"message" text,
	"author_name" text,
	"author_email" text,
	"authored_date" timestamp with time zone,
	"committer_name" text,
	"committer_email" text,
	"committed_date" timestamp with time zone,
	CONSTRAINT "merge_request_diff_commits_merge_request_diff_id_relative_order_pk" PRIMARY KEY("merge_request_diff_id","relative_order")
);
--> statement-breakpoint
CREATE TABLE "merge_request_diff_files" (
	"merge_request_diff_id" integer NOT NULL,
	"relative_order" integer NOT NULL,
	"old_path" text NOT NULL,
	"new_path" text NOT NULL,
	"a_mode" text,
	"b_mode" text,
	"new_file" boolean DEFAULT false NOT NULL,
	"renamed_file" boolean DEFAULT false NOT NULL,
	"deleted_file" boolean DEFAULT false NOT NULL,
	"too_large" boolean DEFAULT false NOT NULL,
	"binary" boolean DEFAULT false NOT NULL,
	"generated" boolean DEFAULT false NOT NULL,
	"diff" text DEFAULT '' NOT NULL,
	"diff_size" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "merge_request_diff_files_merge_request_diff_id_relative_order_pk" PRIMARY KEY("merge_request_diff_id","relative_order")
);
--> statement-breakpoint
CREATE TABLE "merge_request_diffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"merge_request_id" integer NOT NULL,
	"state" text,
	"base_commit_sha" text,
	"head_commit_sha" text,
	"start_commit_sha" text,
	"real_size" text,
	"commits_count" integer DEFAULT 0 NOT NULL,
	"files_count" integer DEFAULT 0 NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merge_request_labels" (
	"merge_request_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	CONSTRAINT "merge_request_labels_merge_request_id_label_id_pk" PRIMARY KEY("merge_request_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "merge_request_metrics" (
	"merge_request_id" integer PRIMARY KEY NOT NULL,
	"merged_by_id" integer,
	"latest_closed_by_id" integer,
	"merged_at" timestamp with time zone,
	"latest_closed_at" timestamp with time zone,
	"first_deployed_to_production_at" timestamp with time zone,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merge_request_reviewers" (
	"merge_request_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"state" text DEFAULT 'unreviewed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_request_reviewers_merge_request_id_user_id_pk" PRIMARY KEY("merge_request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "merge_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"iid" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'opened' NOT NULL,
	"source_branch" text NOT NULL,
	"target_branch" text NOT NULL,
	"same_project" boolean DEFAULT true NOT NULL,
	"author_id" integer,
	"updated_by_id" integer,
	"last_edited_by_id" integer,
	"merge_user_id" integer,
	"milestone_id" integer,
	"merge_status" text DEFAULT 'unchecked' NOT NULL,
	"merge_error" text,
	"draft" boolean DEFAULT false NOT NULL,
	"squash" boolean DEFAULT false NOT NULL,
	"merge_when_pipeline_succeeds" boolean DEFAULT false NOT NULL,
	"discussion_locked" boolean,
	"approvals_before_merge" integer,
	"time_estimate" integer DEFAULT 0 NOT NULL,
	"diff_head_sha" text,
	"source_branch_sha" text,
	"target_branch_sha" text,
	"merge_commit_sha" text,
	"squash_commit_sha" text,
	"merge_params" jsonb,
	"last_edited_at" timestamp with time zone,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_diff_files" (
	"note_id" integer PRIMARY KEY NOT NULL,
	"diff" text DEFAULT '' NOT NULL,
	"old_path" text NOT NULL,
	"new_path" text NOT NULL,
	"a_mode" text,
	"b_mode" text,
	"new_file" boolean DEFAULT false NOT NULL,
	"renamed_file" boolean DEFAULT false NOT NULL,
	"deleted_file" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"note_id" integer NOT NULL,
	"relative_order" integer NOT NULL,
	"from_content" text DEFAULT '' NOT NULL,
	"to_content" text DEFAULT '' NOT NULL,
	"applied" boolean DEFAULT false NOT NULL,
	"outdated" boolean DEFAULT false NOT NULL,
	"commit_id" text,
	"lines_above" integer DEFAULT 0 NOT NULL,
	"lines_below" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resource_label_events" DROP CONSTRAINT "resource_label_events_one_target";--> statement-breakpoint
ALTER TABLE "resource_milestone_events" DROP CONSTRAINT "resource_milestone_events_one_target";--> statement-breakpoint
ALTER TABLE "resource_state_events" DROP CONSTRAINT "resource_state_events_one_target";--> statement-breakpoint
DROP INDEX "timelogs_issue_idx";--> statement-breakpoint
ALTER TABLE "timelogs" ALTER COLUMN "issue_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "timelogs" ADD COLUMN "merge_request_id" integer;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "type" text;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "position" jsonb;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "original_position" jsonb;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "change_position" jsonb;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "line_code" text;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "resolved_by_id" integer;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "resolved_by_push" boolean;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD COLUMN "merge_request_id" integer;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD COLUMN "merge_request_id" integer;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD COLUMN "merge_request_id" integer;--> statement-breakpoint
ALTER TABLE "merge_request_approvals" ADD CONSTRAINT "merge_request_approvals_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_approvals" ADD CONSTRAINT "merge_request_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_assignees" ADD CONSTRAINT "merge_request_assignees_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_assignees" ADD CONSTRAINT "merge_request_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_diff_commits" ADD CONSTRAINT "merge_request_diff_commits_merge_request_diff_id_merge_request_diffs_id_fk" FOREIGN KEY ("merge_request_diff_id") REFERENCES "public"."merge_request_diffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_diff_files" ADD CONSTRAINT "merge_request_diff_files_merge_request_diff_id_merge_request_diffs_id_fk" FOREIGN KEY ("merge_request_diff_id") REFERENCES "public"."merge_request_diffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_diffs" ADD CONSTRAINT "merge_request_diffs_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_labels" ADD CONSTRAINT "merge_request_labels_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_labels" ADD CONSTRAINT "merge_request_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_metrics" ADD CONSTRAINT "merge_request_metrics_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_metrics" ADD CONSTRAINT "merge_request_metrics_merged_by_id_users_id_fk" FOREIGN KEY ("merged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_metrics" ADD CONSTRAINT "merge_request_metrics_latest_closed_by_id_users_id_fk" FOREIGN KEY ("latest_closed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_reviewers" ADD CONSTRAINT "merge_request_reviewers_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_request_reviewers" ADD CONSTRAINT "merge_request_reviewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_merge_user_id_users_id_fk" FOREIGN KEY ("merge_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_requests" ADD CONSTRAINT "merge_requests_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_diff_files" ADD CONSTRAINT "note_diff_files_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_note_id_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merge_request_approvals_user_idx" ON "merge_request_approvals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "merge_request_assignees_user_idx" ON "merge_request_assignees" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merge_request_diffs_merge_request_idx" ON "merge_request_diffs" USING btree ("merge_request_id");--> statement-breakpoint
CREATE INDEX "merge_request_labels_label_idx" ON "merge_request_labels" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "merge_request_metrics_merged_by_idx" ON "merge_request_metrics" USING btree ("merged_by_id");--> statement-breakpoint
CREATE INDEX "merge_request_metrics_latest_closed_by_idx" ON "merge_request_metrics" USING btree ("latest_closed_by_id");--> statement-breakpoint
CREATE INDEX "merge_request_reviewers_user_idx" ON "merge_request_reviewers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merge_requests_project_iid_idx" ON "merge_requests" USING btree ("project_id","iid");--> statement-breakpoint
CREATE INDEX "merge_requests_project_created_idx" ON "merge_requests" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "merge_requests_project_updated_idx" ON "merge_requests" USING btree ("project_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "merge_requests_project_state_created_idx" ON "merge_requests" USING btree ("project_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "merge_requests_project_target_branch_idx" ON "merge_requests" USING btree ("project_id","target_branch");--> statement-breakpoint
CREATE INDEX "merge_requests_milestone_idx" ON "merge_requests" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "merge_requests_author_idx" ON "merge_requests" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "merge_requests_updated_by_idx" ON "merge_requests" USING btree ("updated_by_id");--> statement-breakpoint
CREATE INDEX "merge_requests_last_edited_by_idx" ON "merge_requests" USING btree ("last_edited_by_id");--> statement-breakpoint
CREATE INDEX "merge_requests_merge_user_idx" ON "merge_requests" USING btree ("merge_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "merge_requests_import_key_idx" ON "merge_requests" USING btree ("import_entity_id","import_key") WHERE "merge_requests"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "suggestions_note_order_idx" ON "suggestions" USING btree ("note_id","relative_order");--> statement-breakpoint
ALTER TABLE "timelogs" ADD CONSTRAINT "timelogs_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_merge_request_id_merge_requests_id_fk" FOREIGN KEY ("merge_request_id") REFERENCES "public"."merge_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "timelogs_merge_request_idx" ON "timelogs" USING btree ("merge_request_id") WHERE "timelogs"."merge_request_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_resolved_by_idx" ON "notes" USING btree ("resolved_by_id") WHERE "notes"."resolved_by_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_label_events_merge_request_idx" ON "resource_label_events" USING btree ("merge_request_id","created_at") WHERE "resource_label_events"."merge_request_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_milestone_events_merge_request_idx" ON "resource_milestone_events" USING btree ("merge_request_id","created_at") WHERE "resource_milestone_events"."merge_request_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_state_events_merge_request_idx" ON "resource_state_events" USING btree ("merge_request_id","created_at") WHERE "resource_state_events"."merge_request_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ci_pipelines_project_merge_request_idx" ON "ci_pipelines" USING btree ("project_id","merge_request_iid","id") WHERE "ci_pipelines"."merge_request_iid" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "timelogs_issue_idx" ON "timelogs" USING btree ("issue_id") WHERE "timelogs"."issue_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "timelogs" ADD CONSTRAINT "timelogs_one_target" CHECK (num_nonnulls("timelogs"."issue_id", "timelogs"."merge_request_id") = 1);--> statement-breakpoint
ALTER TABLE "resource_label_events" ADD CONSTRAINT "resource_label_events_one_target" CHECK (num_nonnulls("resource_label_events"."epic_id", "resource_label_events"."issue_id", "resource_label_events"."merge_request_id") = 1);--> statement-breakpoint
ALTER TABLE "resource_milestone_events" ADD CONSTRAINT "resource_milestone_events_one_target" CHECK (num_nonnulls("resource_milestone_events"."epic_id", "resource_milestone_events"."issue_id", "resource_milestone_events"."merge_request_id") = 1);--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_one_target" CHECK (num_nonnulls("resource_state_events"."epic_id", "resource_state_events"."issue_id", "resource_state_events"."merge_request_id") = 1);