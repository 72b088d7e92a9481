CREATE TABLE "relation_import_trackers" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"relation" text NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"bulk_import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relation_import_trackers_bulk_import_id_unique" UNIQUE("bulk_import_id")
);
--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD COLUMN "only_relations" text[];--> statement-breakpoint
ALTER TABLE "bulk_import_entities" ADD COLUMN "skip_existing_iids" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "relation_import_trackers" ADD CONSTRAINT "relation_import_trackers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_import_trackers" ADD CONSTRAINT "relation_import_trackers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_import_trackers" ADD CONSTRAINT "relation_import_trackers_bulk_import_id_bulk_imports_id_fk" FOREIGN KEY ("bulk_import_id") REFERENCES "public"."bulk_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relation_import_trackers_project_idx" ON "relation_import_trackers" USING btree ("project_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "relation_import_trackers_running_idx" ON "relation_import_trackers" USING btree ("project_id") WHERE "relation_import_trackers"."status" IN (0, 1);