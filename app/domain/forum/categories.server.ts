import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { CategoryVisibility } from "../../../db/schema-parts/forum";
import { recordAudit } from "../audit.server";
import { slugify } from "../organizations/organizations.server";

export interface NewCategory {
  name: string;
  description?: string;
  color?: string;
  position?: number;
  visibility?: CategoryVisibility;
  communitySector?: boolean;
}

export async function createCategory(db: Kysely<DB>, input: NewCategory, actorId: string | null) {
  return db.transaction().execute(async (trx) => {
    const category = await trx
      .insertInto("categories")
      .values({
        slug: slugify(input.name),
        name: input.name,
        description: input.description ?? "",
        color: input.color ?? "#1c5fbf",
        position: input.position ?? 0,
        visibility: input.visibility ?? "public",
        community_sector: input.communitySector ?? false,
        council_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: "category.created", targetType: "category", targetId: String(category.id), after: { name: category.name, visibility: category.visibility } });
    return category;
  });
}

export async function createTag(db: Kysely<DB>, input: { name: string; description?: string }) {
  return db
    .insertInto("tags")
    .values({ slug: slugify(input.name), name: input.name, description: input.description ?? "" })
    .onConflict((oc) => oc.column("slug").doUpdateSet({ name: input.name }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
