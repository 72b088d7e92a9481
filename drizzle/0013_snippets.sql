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
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "snippets_project_created_idx" ON "snippets" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "snippets_project_title_idx" ON "snippets" USING btree ("project_id","title");--> statement-breakpoint
CREATE INDEX "snippets_author_idx" ON "snippets" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "snippets_import_key_idx" ON "snippets" USING btree ("import_entity_id","import_key") WHERE "snippets"."import_key" IS NOT NULL;