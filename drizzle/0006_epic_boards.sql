CREATE TABLE "epic_board_labels" (
	"epic_board_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	CONSTRAINT "epic_board_labels_epic_board_id_label_id_pk" PRIMARY KEY("epic_board_id","label_id")
);
--> statement-breakpoint
CREATE TABLE "epic_board_lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"epic_board_id" integer NOT NULL,
	"list_type" text NOT NULL,
	"position" integer,
	"label_id" integer,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epic_boards" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"name" text DEFAULT 'Development' NOT NULL,
	"hide_backlog_list" boolean DEFAULT false NOT NULL,
	"hide_closed_list" boolean DEFAULT false NOT NULL,
	"display_colors" boolean DEFAULT true NOT NULL,
	"import_entity_id" integer,
	"import_key" text,
	"source_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "epic_board_labels" ADD CONSTRAINT "epic_board_labels_epic_board_id_epic_boards_id_fk" FOREIGN KEY ("epic_board_id") REFERENCES "public"."epic_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_board_labels" ADD CONSTRAINT "epic_board_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_board_lists" ADD CONSTRAINT "epic_board_lists_epic_board_id_epic_boards_id_fk" FOREIGN KEY ("epic_board_id") REFERENCES "public"."epic_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_board_lists" ADD CONSTRAINT "epic_board_lists_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_boards" ADD CONSTRAINT "epic_boards_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epic_boards" ADD CONSTRAINT "epic_boards_import_entity_id_bulk_import_entities_id_fk" FOREIGN KEY ("import_entity_id") REFERENCES "public"."bulk_import_entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "epic_board_labels_label_idx" ON "epic_board_labels" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "epic_board_lists_board_idx" ON "epic_board_lists" USING btree ("epic_board_id","position");--> statement-breakpoint
CREATE INDEX "epic_board_lists_label_idx" ON "epic_board_lists" USING btree ("label_id");--> statement-breakpoint
CREATE INDEX "epic_boards_group_idx" ON "epic_boards" USING btree ("group_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "epic_boards_import_key_idx" ON "epic_boards" USING btree ("import_entity_id","import_key") WHERE "epic_boards"."import_key" IS NOT NULL;