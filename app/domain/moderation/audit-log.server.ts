import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { authorize, can } from "../policy.server";
import { toCsv } from "./csv";

export const auditFilterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  action: z.string().trim().max(60).catch(""),
  targetType: z.string().trim().max(30).catch(""),
  actor: z.string().trim().max(60).catch(""),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;
const like = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/**
 * The audit log, newest first, filtered. Rows about council content keep who/what/when but
 * hide their reason and before/after from moderators the policy does not let read it.
 */
export async function searchAudit(db: Kysely<DB>, actor: SessionUser, filter: AuditFilter, options: { limit?: number } = {}) {
  authorize(actor, "moderation.access", undefined, { hide: true });
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .leftJoin("categories", "categories.id", "audit_log.category_id")
    .select([
      "audit_log.id",
      "audit_log.created_at",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.reason",
      "audit_log.before",
      "audit_log.after",
      "users.display_name as actor_name",
      "users.handle as actor_handle",
      "categories.id as category_id",
      "categories.visibility as category_visibility",
      "categories.council_id",
    ]);
  if (filter.action) query = query.where("audit_log.action", "like", `${filter.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (filter.targetType) query = query.where("audit_log.target_type", "=", filter.targetType);
  if (filter.actor) query = query.where((eb) => eb.or([eb("users.handle", "ilike", like(filter.actor)), eb("users.display_name", "ilike", like(filter.actor))]));
  if (filter.from) query = query.where("audit_log.created_at", ">=", new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) query = query.where("audit_log.created_at", "<", new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000));
  if (filter.q) {
    const pattern = like(filter.q);
    // The reason is searched only where the viewer may read it (not in council rows for others).
    const mayReadCouncil = can(actor, "moderation.viewContent", { id: 0, visibility: "council", councilId: null });
    query = query.where((eb) =>
      eb.or([
        eb("audit_log.target_id", "ilike", pattern),
        eb("audit_log.action", "ilike", pattern),
        eb("users.display_name", "ilike", pattern),
        mayReadCouncil
          ? eb("audit_log.reason", "ilike", pattern)
          : eb.and([eb("audit_log.reason", "ilike", pattern), eb.or([eb("categories.visibility", "is", null), eb("categories.visibility", "!=", "council")])]),
      ]),
    );
  }
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const rows = await query
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(limit + 1)
    .offset((filter.page - 1) * limit)
    .execute();
  return {
    hasMore: rows.length > limit,
    entries: rows.slice(0, limit).map((row) => {
      const readable =
        row.category_id === null || can(actor, "moderation.viewContent", { id: row.category_id, visibility: row.category_visibility!, councilId: row.council_id ?? null });
      return {
        id: Number(row.id),
        at: row.created_at,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        actorName: row.actor_name ?? "System",
        actorHandle: row.actor_handle,
        redacted: !readable,
        reason: readable ? row.reason : null,
        before: readable ? row.before : null,
        after: readable ? row.after : null,
      };
    }),
  };
}

export type AuditEntryView = Awaited<ReturnType<typeof searchAudit>>["entries"][number];

/** Everything matching the filter (up to 10 000 rows), as CSV. */
export async function auditCsv(db: Kysely<DB>, actor: SessionUser, filter: AuditFilter) {
  const { entries } = await searchAudit(db, actor, { ...filter, page: 1 }, { limit: 10_000 });
  return toCsv([
    ["id", "when", "who", "action", "target type", "target", "reason", "before", "after"],
    ...entries.map((e) => [e.id, e.at, e.actorName, e.action, e.targetType, e.targetId, e.redacted ? "(council content)" : e.reason, e.before, e.after]),
  ]);
}
