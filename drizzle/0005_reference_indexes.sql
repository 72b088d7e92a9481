CREATE INDEX "board_lists_user_idx" ON "board_lists" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "boards_assignee_idx" ON "boards" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "epics_closed_by_idx" ON "epics" USING btree ("closed_by_id");--> statement-breakpoint
CREATE INDEX "epics_last_edited_by_idx" ON "epics" USING btree ("last_edited_by_id");