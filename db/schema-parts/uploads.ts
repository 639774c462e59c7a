import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type UploadKind = "attachment" | "avatar";
/** What we store after re-encoding (a GIF keeps its first frame, as PNG). */
export type StoredMime = "image/jpeg" | "image/png" | "image/webp";

export interface UploadsTable {
  id: string;
  uploader_id: string;
  kind: UploadKind;
  post_id: string | null;
  width: number;
  height: number;
  bytes: number;
  mime: StoredMime;
  created_at: CreatedAt;
  removed_at: Timestamp | null;
}

export interface UploadsTables {
  uploads: UploadsTable;
}
