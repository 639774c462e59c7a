import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { createCategory } from "../forum/categories.server";
import { authorize } from "../policy.server";

import { adminVisibilities, audiences } from "./category-options";

export const newCategorySchema = z.object({
  name: z.string().trim().min(2, "Give the category a name.").max(60, "Keep the name under 60 characters."),
  description: z.string().trim().max(300, "Keep the description under 300 characters.").default(""),
  visibility: z.enum(adminVisibilities, "Choose who may see the category."),
});

export const categoryRulesSchema = z.object({
  categoryId: z.coerce.number().int().positive(),
  visibility: z.enum(adminVisibilities, "Choose who may see the category."),
  startThreads: z.enum(audiences, "Choose who may start threads."),
  reply: z.enum(audiences, "Choose who may reply."),
});

/** Every category with its posting rules, in the forum's order. */
export async function listCategoriesForAdmin(db: Kysely<DB>, actor: SessionUser) {
  authorize(actor, "admin.access", undefined, { hide: true });
  return db
    .selectFrom("categories")
    .leftJoin("category_posting_rules as rules", "rules.category_id", "categories.id")
    .select(["categories.id", "categories.name", "categories.slug", "categories.position", "categories.visibility", "categories.council_id", "categories.thread_count", "rules.start_threads", "rules.reply"])
    .orderBy("categories.position")
    .orderBy("categories.name")
    .execute();
}

export async function addCategory(db: Kysely<DB>, actor: SessionUser, input: z.output<typeof newCategorySchema>) {
  authorize(actor, "admin.access", undefined);
  const taken = await db.selectFrom("categories").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", input.name.toLowerCase())).executeTakeFirst();
  if (taken) throw new DomainError("A category with this name exists.", 400, "name");
  const last = await db.selectFrom("categories").select((eb) => eb.fn.max("position").as("p")).executeTakeFirstOrThrow();
  return createCategory(db, { ...input, position: Number(last.p ?? 0) + 1 }, actor.id);
}

/** Who may see, start threads and reply; the audit row has both versions. */
export async function setCategoryRules(db: Kysely<DB>, actor: SessionUser, input: z.output<typeof categoryRulesSchema>) {
  authorize(actor, "admin.access", undefined);
  await db.transaction().execute(async (trx) => {
    const category = await trx.selectFrom("categories").select(["id", "visibility", "council_id"]).where("id", "=", input.categoryId).forUpdate().executeTakeFirst();
    if (!category) throw notFound("That category");
    if (category.visibility === "council" || category.council_id) throw new DomainError("Council spaces are managed from their council.", 400, "visibility");
    const rules = await trx.selectFrom("category_posting_rules").select(["start_threads", "reply"]).where("category_id", "=", category.id).executeTakeFirst();
    const before = { visibility: category.visibility, startThreads: rules?.start_threads ?? "members", reply: rules?.reply ?? "members" };
    const after = { visibility: input.visibility, startThreads: input.startThreads, reply: input.reply };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await trx.updateTable("categories").set({ visibility: input.visibility }).where("id", "=", category.id).execute();
    await trx
      .insertInto("category_posting_rules")
      .values({ category_id: category.id, start_threads: input.startThreads, reply: input.reply })
      .onConflict((oc) => oc.column("category_id").doUpdateSet({ start_threads: input.startThreads, reply: input.reply }))
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: "category.rules_changed", targetType: "category", targetId: String(category.id), before, after, categoryId: category.id });
  });
}

/** Moves a category one place up or down in the forum's list (renumbering all, so ties resolve). */
export async function moveCategory(db: Kysely<DB>, actor: SessionUser, input: { categoryId: number; direction: "up" | "down" }) {
  authorize(actor, "admin.access", undefined);
  await db.transaction().execute(async (trx) => {
    const all = await trx.selectFrom("categories").select(["id", "position"]).orderBy("position").orderBy("name").forUpdate().execute();
    const index = all.findIndex((c) => c.id === input.categoryId);
    if (index < 0) throw notFound("That category");
    const swap = input.direction === "up" ? index - 1 : index + 1;
    if (swap < 0 || swap >= all.length) return;
    const order = all.map((c) => c.id);
    [order[index], order[swap]] = [order[swap]!, order[index]!];
    for (const [position, id] of order.entries()) {
      await trx.updateTable("categories").set({ position }).where("id", "=", id).execute();
    }
    await recordAudit(trx, { actorId: actor.id, action: "category.reordered", targetType: "category", targetId: String(input.categoryId), before: { position: index }, after: { position: swap } });
  });
}
