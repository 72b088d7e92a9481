ALTER TABLE "projects" ADD COLUMN "topics" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "creator_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_namespace_name_idx" ON "projects" USING btree ("namespace_id","name");--> statement-breakpoint
CREATE INDEX "projects_namespace_created_idx" ON "projects" USING btree ("namespace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_visibility_level_idx" ON "projects" USING btree ("visibility_level","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_created_at_idx" ON "projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_last_activity_at_idx" ON "projects" USING btree ("last_activity_at","id");--> statement-breakpoint
CREATE INDEX "projects_updated_at_idx" ON "projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_name_idx" ON "projects" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "projects_path_idx" ON "projects" USING btree ("path","id");