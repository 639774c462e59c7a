import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/** The last imports, newest first, for the import page. */
export async function recentImports(db: Kysely<DB>, limit = 10) {
  const rows = await db
    .selectFrom("program_imports")
    .leftJoin("users", "users.id", "program_imports.actor_id")
    .select(["program_imports.id", "file_name", "rows_imported", "rows_skipped", "periods", "program_imports.created_at", "users.display_name"])
    .orderBy("program_imports.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, rows: r.rows_imported, skipped: r.rows_skipped, periods: r.periods, createdAt: r.created_at, actor: r.display_name }));
}
