import type { Kysely, QueryCreator, Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import { MAX_BODY, MAX_TITLE } from "../forum/validation";

type Db = Kysely<DB> | Transaction<DB>;

/** Enough for every open composer; past it the oldest drafts go, so nobody fills the table. */
export const MAX_DRAFTS_PER_USER = 50;

/** `new-thread`, `reply:<threadId>`, `edit:<postId>`: one composer each. */
export const draftKey = z.string().regex(/^(new-thread|(reply|edit):[A-Za-z0-9_-]{1,40})$/, "Unknown draft.");

export const draftInput = z.object({
  key: draftKey,
  title: z.string().max(MAX_TITLE + 50).default(""),
  body: z.string().max(MAX_BODY + 1000).default(""),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type DraftInput = z.input<typeof draftInput>;

export async function getDraft(db: Db, userId: string, key: string) {
  const row = await db
    .selectFrom("drafts")
    .select(["key", "title", "body", "data", "updated_at"])
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? { key: row.key, title: row.title, body: row.body, data: (row.data ?? {}) as Record<string, unknown>, updatedAt: row.updated_at } : null;
}

/** Saves the latest text; an empty draft is no draft. */
export async function saveDraft(db: Kysely<DB>, userId: string, input: DraftInput) {
  const draft = draftInput.parse(input);
  if (!draft.title.trim() && !draft.body.trim()) return discardDraft(db, userId, draft.key);
  const now = new Date();
  const data = JSON.stringify(draft.data);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("drafts")
      .values({ user_id: userId, key: draft.key, title: draft.title, body: draft.body, data, updated_at: now })
      .onConflict((oc) => oc.columns(["user_id", "key"]).doUpdateSet({ title: draft.title, body: draft.body, data, updated_at: now }))
      .execute();
    await trx
      .deleteFrom("drafts")
      .where("user_id", "=", userId)
      .where("key", "not in", (eb) =>
        eb.selectFrom("drafts").select("key").where("user_id", "=", userId).orderBy("updated_at", "desc").limit(MAX_DRAFTS_PER_USER),
      )
      .execute();
  });
}

/** Publishing calls this inside its transaction (createThread; reply uses discardDraftStatement). */
export async function discardDraft(db: Db, userId: string, key: string) {
  await discardDraftStatement(db, userId, key).execute();
}

/** discardDraft as part of the statement that publishes (a WITH of it): no round trip of its own. */
export function discardDraftStatement(db: QueryCreator<DB>, userId: string, key: string) {
  return db.deleteFrom("drafts").where("user_id", "=", userId).where("key", "=", key);
}
