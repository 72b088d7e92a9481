CREATE TABLE "iteration_cadences" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"start_date" date,
	"duration_in_weeks" integer,
	"iterations_in_advance" integer,
	"active" boolean DEFAULT true NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"roll_over" boolean DEFAULT false NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iterations" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"cadence_id" integer,
	"iid" integer NOT NULL,
	"sequence" integer,
	"title" text,
	"description" text,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"state" text DEFAULT 'upcoming' NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"name" text,
	"link_url" text NOT NULL,
	"image_url" text NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_labels" (
	"board_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	CONSTRAINT "board_labels_board_id_label_id_pk" PRIMARY KEY("board_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "board_lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"board_id" integer NOT NULL,
	"list_type" text NOT NULL,
	"position" integer,
	"label_id" integer,
	"milestone_id" integer,
	"iteration_id" integer,
	"user_id" integer,
	"max_issue_count" integer DEFAULT 0 NOT NULL,
	"max_issue_weight" integer DEFAULT 0 NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"name" text DEFAULT 'Development' NOT NULL,
	"milestone_id" integer,
	"milestone_scope" integer,
	"iteration_id" integer,
	"assignee_id" integer,
	"weight" integer,
	"hide_backlog_list" boolean DEFAULT false NOT NULL,
	"hide_closed_list" boolean DEFAULT false NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_emoji" (
	"id" serial PRIMARY KEY NOT NULL,
	"awardable_type" text NOT NULL,
	"awardable_id" integer NOT NULL,
	"name" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epic_labels" (
	"epic_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	CONSTRAINT "epic_labels_epic_id_label_id_pk" PRIMARY KEY("epic_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "epics" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"iid" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'opened' NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"author_id" integer,
	"parent_id" integer,
	"import_parent_key" text,
	"relative_position" integer,
	"color" text,
	"start_date" date,
	"due_date" date,
	"start_date_fixed" date,
	"due_date_fixed" date,
	"start_date_is_fixed" boolean,
	"due_date_is_fixed" boolean,
	"closed_at" timestamp with time zone,
	"closed_by_id" integer,
	"last_edited_at" timestamp with time zone,
	"last_edited_by_id" integer,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"author_id" integer,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" integer,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"noteable_type" text NOT NULL,
	"noteable_id" integer NOT NULL,
	"author_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"system" boolean DEFAULT false NOT NULL,
	"system_action" text,
	"internal" boolean DEFAULT false NOT NULL,
	"discussion_id" text,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_state_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"epic_id" integer NOT NULL,
	"user_id" integer,
	"state" text NOT NULL,
	"close_after_error" boolean DEFAULT false NOT NULL,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"secret" text NOT NULL,
	"filename" text NOT NULL,
	"storage_path" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text DEFAULT 'application/octet-stream' NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" integer,
	"import_entity_id" integer,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD COLUMN "stats" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "iteration_cadences" ADD CONSTRAINT "iteration_cadences_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iteration_cadences" ADD CONSTRAINT "iteration_cadences_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_cadence_id_iteration_cadences_id_fk" FOREIGN KEY ("cadence_id") REFERENCES "public"."iteration_cadences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iterations" ADD CONSTRAINT "iterations_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_labels" ADD CONSTRAINT "board_labels_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_labels" ADD CONSTRAINT "board_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_lists" ADD CONSTRAINT "board_lists_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_lists" ADD CONSTRAINT "board_lists_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_lists" ADD CONSTRAINT "board_lists_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_lists" ADD CONSTRAINT "board_lists_iteration_id_iterations_id_fk" FOREIGN KEY ("iteration_id") REFERENCES "public"."iterations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_lists" ADD CONSTRAINT "board_lists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_iteration_id_iterations_id_fk" FOREIGN KEY ("iteration_id") REFERENCES "public"."iterations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_emoji" ADD CONSTRAINT "award_emoji_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_labels" ADD CONSTRAINT "epic_labels_epic_id_epics_id_fk" FOREIGN KEY ("epic_id") REFERENCES "public"."epics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_labels" ADD CONSTRAINT "epic_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_parent_id_epics_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."epics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epics" ADD CONSTRAINT "epics_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_epic_id_epics_id_fk" FOREIGN KEY ("epic_id") REFERENCES "public"."epics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_state_events" ADD CONSTRAINT "resource_state_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "iteration_cadences_group_idx" ON "iteration_cadences" USING btree ("group_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "iteration_cadences_import_key_idx" ON "iteration_cadences" USING btree ("import_entity_id","import_key") WHERE "iteration_cadences"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "iterations_group_iid_idx" ON "iterations" USING btree ("group_id","iid");--> statement-breakpoint
CREATE INDEX "iterations_group_dates_idx" ON "iterations" USING btree ("group_id","start_date");--> statement-breakpoint
CREATE INDEX "iterations_cadence_idx" ON "iterations" USING btree ("cadence_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "iterations_import_key_idx" ON "iterations" USING btree ("import_entity_id","import_key") WHERE "iterations"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "badges_group_idx" ON "badges" USING btree ("group_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_import_key_idx" ON "badges" USING btree ("import_entity_id","import_key") WHERE "badges"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "board_labels_label_idx" ON "board_labels" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "board_lists_board_idx" ON "board_lists" USING btree ("board_id","position");--> statement-breakpoint
CREATE INDEX "board_lists_label_idx" ON "board_lists" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "boards_group_idx" ON "boards" USING btree ("group_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "boards_import_key_idx" ON "boards" USING btree ("import_entity_id","import_key") WHERE "boards"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "award_emoji_unique_idx" ON "award_emoji" USING btree ("awardable_type","awardable_id","name","user_id");--> statement-breakpoint
CREATE INDEX "award_emoji_user_idx" ON "award_emoji" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "epic_labels_label_idx" ON "epic_labels" USING btree ("label_id");--> statement-breakpoint
CREATE UNIQUE INDEX "epics_group_iid_idx" ON "epics" USING btree ("group_id","iid");--> statement-breakpoint
CREATE INDEX "epics_group_state_idx" ON "epics" USING btree ("group_id","state","created_at");--> statement-breakpoint
CREATE INDEX "epics_parent_idx" ON "epics" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "epics_author_idx" ON "epics" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "epics_pending_parent_idx" ON "epics" USING btree ("import_entity_id","import_parent_key") WHERE "epics"."import_parent_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "epics_import_key_idx" ON "epics" USING btree ("import_entity_id","import_key") WHERE "epics"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_target_idx" ON "events" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "events_author_idx" ON "events" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "events_group_idx" ON "events" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "notes_noteable_idx" ON "notes" USING btree ("noteable_type","noteable_id","created_at");--> statement-breakpoint
CREATE INDEX "notes_author_idx" ON "notes" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notes_import_key_idx" ON "notes" USING btree ("import_entity_id","import_key") WHERE "notes"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resource_state_events_epic_idx" ON "resource_state_events" USING btree ("epic_id","created_at");--> statement-breakpoint
CREATE INDEX "resource_state_events_user_idx" ON "resource_state_events" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uploads_group_secret_idx" ON "uploads" USING btree ("group_id","secret","filename");--> statement-breakpoint
CREATE INDEX "uploads_import_idx" ON "uploads" USING btree ("import_entity_id","import_key") WHERE "uploads"."import_key" IS NOT NULL;