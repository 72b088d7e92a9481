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
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_lfs_object_id_lfs_objects_id_fk" FOREIGN KEY ("lfs_object_id") REFERENCES "public"."lfs_objects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lfs_objects_projects" ADD CONSTRAINT "lfs_objects_projects_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_oid_idx" ON "lfs_objects" USING btree ("oid");--> statement-breakpoint
CREATE INDEX "lfs_objects_projects_project_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id");--> statement-breakpoint
CREATE INDEX "lfs_objects_projects_object_idx" ON "lfs_objects_projects" USING btree ("lfs_object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_projects_typed_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id","repository_type") WHERE "lfs_objects_projects"."repository_type" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lfs_objects_projects_untyped_idx" ON "lfs_objects_projects" USING btree ("project_id","lfs_object_id") WHERE "lfs_objects_projects"."repository_type" IS NULL;