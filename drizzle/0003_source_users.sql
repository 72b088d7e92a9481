CREATE TABLE "source_user_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_user_id" integer NOT NULL,
	"root_group_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"placeholder_user_id" integer,
	"reassigned_at" timestamp with time zone,
	"reassigned_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_url" text NOT NULL,
	"source_user_id" integer NOT NULL,
	"username" text NOT NULL,
	"name" text,
	"public_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "user_type" text DEFAULT 'human' NOT NULL;--> statement-breakpoint
ALTER TABLE "source_user_mappings" ADD CONSTRAINT "source_user_mappings_source_user_id_source_users_id_fk" FOREIGN KEY ("source_user_id") REFERENCES "public"."source_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_user_mappings" ADD CONSTRAINT "source_user_mappings_root_group_id_groups_id_fk" FOREIGN KEY ("root_group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_user_mappings" ADD CONSTRAINT "source_user_mappings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_user_mappings" ADD CONSTRAINT "source_user_mappings_placeholder_user_id_users_id_fk" FOREIGN KEY ("placeholder_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_user_mappings" ADD CONSTRAINT "source_user_mappings_reassigned_by_id_users_id_fk" FOREIGN KEY ("reassigned_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "source_user_mappings_source_root_idx" ON "source_user_mappings" USING btree ("source_user_id","root_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_user_mappings_placeholder_idx" ON "source_user_mappings" USING btree ("placeholder_user_id") WHERE "source_user_mappings"."placeholder_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "source_user_mappings_root_idx" ON "source_user_mappings" USING btree ("root_group_id");--> statement-breakpoint
CREATE INDEX "source_user_mappings_user_idx" ON "source_user_mappings" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_users_source_idx" ON "source_users" USING btree ("source_url","source_user_id");