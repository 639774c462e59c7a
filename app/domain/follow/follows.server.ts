import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { authorize } from "../policy.server";

/**
 * Following people and organizations: their public activity shows in /following. Idempotent by
 * construction (primary keys and `on conflict do nothing`), so a double click follows once.
 */
export type FollowTarget = { kind: "user"; id: string } | { kind: "organization"; id: number };

export async function setFollowing(db: Kysely<DB>, actor: SessionUser, target: FollowTarget, following: boolean) {
  authorize(actor, "follow.create", undefined);
  if (target.kind === "user") {
    if (target.id === actor.id) throw new DomainError("You cannot follow yourself.", 400);
    const exists = await db.selectFrom("users").select("id").where("id", "=", target.id).executeTakeFirst();
    if (!exists) throw notFound("That person");
    if (following) {
      await db.insertInto("user_follows").values({ follower_id: actor.id, followee_id: target.id }).onConflict((oc) => oc.doNothing()).execute();
    } else {
      await db.deleteFrom("user_follows").where("follower_id", "=", actor.id).where("followee_id", "=", target.id).execute();
    }
    return;
  }
  const exists = await db.selectFrom("organizations").select("id").where("id", "=", target.id).executeTakeFirst();
  if (!exists) throw notFound("That organization");
  if (following) {
    await db.insertInto("organization_follows").values({ follower_id: actor.id, organization_id: target.id }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom("organization_follows").where("follower_id", "=", actor.id).where("organization_id", "=", target.id).execute();
  }
}

export async function isFollowing(db: Kysely<DB>, actor: SessionUser | null, target: FollowTarget) {
  if (!actor) return false;
  const row =
    target.kind === "user"
      ? await db.selectFrom("user_follows").select("follower_id").where("follower_id", "=", actor.id).where("followee_id", "=", target.id).executeTakeFirst()
      : await db.selectFrom("organization_follows").select("follower_id").where("follower_id", "=", actor.id).where("organization_id", "=", target.id).executeTakeFirst();
  return row !== undefined;
}

/** Who and what the person follows, for the /following page's side list. */
export async function listFollowed(db: Kysely<DB>, actor: SessionUser) {
  const [people, organizations] = await Promise.all([
    db
      .selectFrom("user_follows")
      .innerJoin("users", "users.id", "user_follows.followee_id")
      .select(["users.id", "users.handle", "users.display_name"])
      .where("user_follows.follower_id", "=", actor.id)
      .orderBy("users.display_name")
      .execute(),
    db
      .selectFrom("organization_follows")
      .innerJoin("organizations", "organizations.id", "organization_follows.organization_id")
      .select(["organizations.id", "organizations.slug", "organizations.name"])
      .where("organization_follows.follower_id", "=", actor.id)
      .orderBy("organizations.name")
      .execute(),
  ]);
  return { people, organizations };
}

export async function followerCount(db: Kysely<DB>, target: FollowTarget) {
  const row =
    target.kind === "user"
      ? await db.selectFrom("user_follows").select((eb) => eb.fn.countAll<number>().as("n")).where("followee_id", "=", target.id).executeTakeFirstOrThrow()
      : await db.selectFrom("organization_follows").select((eb) => eb.fn.countAll<number>().as("n")).where("organization_id", "=", target.id).executeTakeFirstOrThrow();
  return Number(row.n);
}
