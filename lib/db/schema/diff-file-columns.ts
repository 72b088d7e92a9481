import { boolean, text } from "drizzle-orm/pg-core";

/** What names one file of a diff, as GitLab's merge_request_diff_files and note_diff_files both keep it. */
export const diffFileColumns = () => ({
  oldPath: text("old_path").notNull(),
  newPath: text("new_path").notNull(),
  aMode: text("a_mode"),
  bMode: text("b_mode"),
  newFile: boolean("new_file").notNull().default(false),
  renamedFile: boolean("renamed_file").notNull().default(false),
  deletedFile: boolean("deleted_file").notNull().default(false),
});
