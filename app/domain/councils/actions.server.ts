import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { disabledKinds } from "../follow/notifications.server";
import { can, readableCouncilIds } from "../policy.server";
import { loadCouncilAccess } from "./access.server";
import { actionItemSchema, validate } from "./validation";

const DAY = 86_400_000;
/** How long before its due date an action item counts as "due soon" and gets its reminder. */
export const REMIND_BEFORE_MS = 2 * DAY;

/** The chair records an action item from a meeting, owned by a current member, due on a date. */
export async function addActionItem(db: Kysely<DB>, actor: SessionUser, meetingId: string, input: unknown, at = new Date()) {
  const meeting = await db.selectFrom("council_meetings").select(["id", "council_id"]).where("id", "=", meetingId).executeTakeFirst();
  if (!meeting || !can(actor, "council.enter", { councilId: meeting.council_id }, at)) throw notFound("That page");
  if (!can(actor, "council.chair", { councilId: meeting.council_id }, at)) throw new DomainError("Only the chair records action items.", 403);
  const fields = validate(actionItemSchema, input);
  if (fields.dueAt <= at) throw new DomainError("Choose a due date in the future.", 400, "dueAt");
  const owner = await db
    .selectFrom("council_members")
    .innerJoin("users", "users.id", "council_members.user_id")
    .select("users.id")
    .where("council_members.council_id", "=", meeting.council_id)
    .where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", fields.ownerHandle.replace(/^@/, "").toLowerCase()))
    .where("council_members.ended_at", "is", null)
    .executeTakeFirst();
  if (!owner) throw new DomainError(`@${fields.ownerHandle.replace(/^@/, "")} is not on this council.`, 400, "ownerHandle");
  const id = newId();
  await db
    .insertInto("council_action_items")
    .values({ id, meeting_id: meetingId, council_id: meeting.council_id, title: fields.title, owner_id: owner.id, due_at: fields.dueAt, created_at: at })
    .execute();
  return { id };
}

/** The owner (or the chair) ticks an item off. */
export async function completeActionItem(db: Kysely<DB>, actor: SessionUser, itemId: string, at = new Date()) {
  const item = await db.selectFrom("council_action_items").select(["id", "council_id", "owner_id", "done_at"]).where("id", "=", itemId).executeTakeFirst();
  if (!item || !can(actor, "council.enter", { councilId: item.council_id }, at)) throw notFound("That action item");
  if (item.owner_id !== actor.id && !can(actor, "council.chair", { councilId: item.council_id }, at)) {
    throw new DomainError("Only the owner or the chair completes an action item.", 403);
  }
  if (item.done_at) return;
  await db.updateTable("council_action_items").set({ done_at: at }).where("id", "=", itemId).execute();
}

/**
 * The "My council" panel: the person's open action items in councils they may still enter. A
 * former member's items stay in the table but no longer show.
 */
export async function myActionItems(db: Kysely<DB>, actor: SessionUser, at = new Date()) {
  const councils = readableCouncilIds(actor, at);
  const member = (actor.councils ?? []).map((c) => c.councilId);
  const ids = councils === "all" ? member : councils;
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("council_action_items")
    .innerJoin("councils", "councils.id", "council_action_items.council_id")
    .select(["council_action_items.id", "council_action_items.title", "council_action_items.due_at", "council_action_items.meeting_id", "councils.id as council_id", "councils.name as council_name"])
    .where("council_action_items.owner_id", "=", actor.id)
    .where("council_action_items.done_at", "is", null)
    .where("council_action_items.council_id", "in", ids)
    .orderBy("council_action_items.due_at")
    .limit(20)
    .execute();
  return rows.map((row) => ({ ...row, dueSoon: row.due_at.getTime() - at.getTime() <= REMIND_BEFORE_MS }));
}

/**
 * The reminder job: items due within REMIND_BEFORE_MS are marked reminded once and their owners
 * get a `council` notification naming the item, in the same transaction. Only an owner who is
 * still a current member is told (the text names council content); the item is marked reminded
 * either way, so a later re-admission does not bring back a stale reminder.
 */
export async function remindDueActionItems(db: Kysely<DB>, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable("council_action_items")
      .set({ reminded_at: now })
      .where("done_at", "is", null)
      .where("reminded_at", "is", null)
      .where("due_at", "<=", new Date(now.getTime() + REMIND_BEFORE_MS))
      .returning(["id", "owner_id", "council_id", "meeting_id", "title", "due_at"])
      .execute();
    const owners = [...new Set(due.map((item) => item.owner_id))];
    const [access, off] = await Promise.all([loadCouncilAccess(trx, owners, now), disabledKinds(trx, owners)]);
    const told = due.filter((item) => access.get(item.owner_id)?.some((c) => c.councilId === item.council_id) && !off.get(item.owner_id)?.has("council"));
    if (told.length > 0) {
      await trx
        .insertInto("notifications")
        .values(
          told.map((item) => ({
            user_id: item.owner_id,
            kind: "council" as const,
            actor_id: null,
            source_key: `council-action:${item.id}`,
            data: JSON.stringify({ text: `Action item due ${dueWhen(item.due_at, now)}: ${item.title}`, href: `/councils/meetings/${item.meeting_id}`, councilId: item.council_id }),
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(["user_id", "kind", "source_key"]).doNothing())
        .execute();
    }
    return due;
  });
}

function dueWhen(dueAt: Date, now: Date) {
  const hours = Math.round((new Date(dueAt).getTime() - now.getTime()) / 3_600_000);
  if (hours <= 0) return "now";
  if (hours < 24) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(hours / 24);
  return `in ${days} day${days === 1 ? "" : "s"}`;
}
