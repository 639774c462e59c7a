import type { ColumnType } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One person muting another (docs/decisions/023-account-data-and-mute.md). */
export interface UserMutesTable {
  muter_id: string;
  muted_id: string;
  created_at: CreatedAt;
}

export interface AccountDataTables {
  user_mutes: UserMutesTable;
}
