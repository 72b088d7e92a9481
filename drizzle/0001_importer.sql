CREATE TABLE "bulk_import_batch_trackers" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracker_id" integer NOT NULL,
	"batch_number" integer NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"fetched_objects_count" integer DEFAULT 0 NOT NULL,
	"imported_objects_count" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_import_entities" (
	"id" serial PRIMARY KEY NOT NULL,
	"bulk_import_id" integer NOT NULL,
	"parent_id" integer,
	"source_type" text NOT NULL,
	"source_full_path" text NOT NULL,
	"source_xid" integer,
	"destination_slug" text NOT NULL,
	"destination_namespace" text NOT NULL,
	"namespace_id" integer,
	"status" integer DEFAULT 0 NOT NULL,
	"migrate_projects" boolean DEFAULT true NOT NULL,
	"migrate_memberships" boolean DEFAULT true NOT NULL,
	"has_failures" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_import_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"bulk_import_entity_id" integer NOT NULL,
	"relation" text NOT NULL,
	"pipeline_class" text NOT NULL,
	"pipeline_step" text NOT NULL,
	"exception_class" text NOT NULL,
	"exception_message" text NOT NULL,
	"correlation_id_value" text,
	"source_url" text,
	"source_title" text,
	"subrelation" text,
	"batch_number" integer,
	"line_number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_import_trackers" (
	"id" serial PRIMARY KEY NOT NULL,
	"bulk_import_entity_id" integer NOT NULL,
	"relation" text NOT NULL,
	"stage" integer NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"batched" boolean DEFAULT false NOT NULL,
	"source_objects_count" integer,
	"fetched_objects_count" integer DEFAULT 0 NOT NULL,
	"imported_objects_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulk_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"source_type" text DEFAULT 'gitlab' NOT NULL,
	"source_url" text NOT NULL,
	"source_version" text NOT NULL,
	"source_enterprise" boolean DEFAULT false NOT NULL,
	"token_ciphertext" text NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"has_failures" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_connections" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"url" text NOT NULL,
	"version" text NOT NULL,
	"enterprise" boolean DEFAULT false NOT NULL,
	"source_username" text,
	"token_ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_connections_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"title" text NOT NULL,
	"color" text DEFAULT '#6699cc' NOT NULL,
	"description" text,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"iid" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'active' NOT NULL,
	"start_date" date,
	"due_date" date,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_import_batch_trackers" ADD CONSTRAINT "bulk_import_batch_trackers_tracker_id_bulk_import_trackers_id_fk" FOREIGN KEY ("tracker_id") REFERENCES "public"."bulk_import_trackers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD CONSTRAINT "bulk_import_entities_bulk_import_id_bulk_imports_id_fk" FOREIGN KEY ("bulk_import_id") REFERENCES "public"."bulk_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD CONSTRAINT "bulk_import_entities_parent_id_bulk_import_entities_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD CONSTRAINT "bulk_import_entities_namespace_id_groups_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_failures" ADD CONSTRAINT "bulk_import_failures_bulk_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("bulk_import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_import_trackers" ADD CONSTRAINT "bulk_import_trackers_bulk_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("bulk_import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_imports" ADD CONSTRAINT "bulk_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_connections" ADD CONSTRAINT "source_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_batch_trackers_tracker_batch_idx" ON "bulk_import_batch_trackers" USING btree ("tracker_id","batch_number");--> statement-breakpoint
CREATE INDEX "bulk_import_entities_import_idx" ON "bulk_import_entities" USING btree ("bulk_import_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_entities_source_idx" ON "bulk_import_entities" USING btree ("bulk_import_id","source_type","source_full_path");--> statement-breakpoint
CREATE INDEX "bulk_import_entities_source_path_idx" ON "bulk_import_entities" USING btree ("source_full_path");--> statement-breakpoint
CREATE INDEX "bulk_import_entities_status_idx" ON "bulk_import_entities" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "bulk_import_failures_entity_idx" ON "bulk_import_failures" USING btree ("bulk_import_entity_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_failures_record_idx" ON "bulk_import_failures" USING btree ("bulk_import_entity_id","relation","batch_number","line_number") WHERE "bulk_import_failures"."line_number" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_import_trackers_entity_relation_idx" ON "bulk_import_trackers" USING btree ("bulk_import_entity_id","relation");--> statement-breakpoint
CREATE INDEX "bulk_import_trackers_status_idx" ON "bulk_import_trackers" USING btree ("bulk_import_entity_id","status","stage");--> statement-breakpoint
CREATE INDEX "bulk_imports_user_idx" ON "bulk_imports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_imports_status_idx" ON "bulk_imports" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_group_title_idx" ON "labels" USING btree ("group_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "labels_import_key_idx" ON "labels" USING btree ("import_entity_id","import_key") WHERE "labels"."import_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_group_iid_idx" ON "milestones" USING btree ("group_id","iid");--> statement-breakpoint
CREATE INDEX "milestones_group_title_idx" ON "milestones" USING btree ("group_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_import_key_idx" ON "milestones" USING btree ("import_entity_id","import_key") WHERE "milestones"."import_key" IS NOT NULL;