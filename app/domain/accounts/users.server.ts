import type { Kysely, Transaction } from "kysely";
import type { DB, Role, UserRow } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { hashPassword } from "./passwords.server";
import type { ProfileInput } from "./validation";

type Db = Kysely<DB> | Transaction<DB>;

export interface NewUser {
  email: string;
  displayName: string;
  password: string | null;
  /** Pre-computed hash (bulk generators share one); takes precedence over `password`. */
  passwordHash?: string;
  role?: Role;
  organizationId?: number | null;
  isVendorStaff?: boolean;
  title?: string;
  bio?: string;
  timeZone?: string;
  languages?: string[];
  expertise?: string[];
  region?: string | null;
  /** When they joined, for imports and the demo seed (recognition levels count days since joining); default now. */
  joinedAt?: Date;
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function getUser(db: Db, id: string): Promise<UserRow> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!user) throw notFound("That person");
  return user;
}

/** Inserts the user and its `user.signed_up` event; the caller owns the transaction. */
export async function insertUser(trx: Transaction<DB>, input: NewUser): Promise<UserRow> {
  if (await findUserByEmail(trx, input.email)) {
    // 400 like every other sign-up field error (the issue asks for it); 409 would read as a server-side conflict.
    throw new DomainError("An account with this email already exists. Log in instead?", 400, "email");
  }
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const user = await trx
    .insertInto("users")
    .values({
      id: newId(),
      email: input.email.trim(),
      handle: await uniqueHandle(trx, input.displayName),
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role: input.role ?? "member",
      organization_id: input.organizationId ?? null,
      is_vendor_staff: input.isVendorStaff ?? false,
      title: input.title ?? "",
      bio: input.bio ?? "",
      time_zone: input.timeZone ?? "UTC",
      languages: input.languages ?? [],
      expertise: input.expertise ?? [],
      region: input.region ?? null,
      ...(input.joinedAt ? { created_at: input.joinedAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(trx, {
    type: "user.signed_up",
    actorId: user.id,
    occurredAt: input.joinedAt,
    // Vendor staff earn no recognition; the engine learns it from this event, not the live row.
    payload: { userId: user.id, organizationId: user.organization_id, ...(user.is_vendor_staff ? { isVendorStaff: true } : {}) },
  });
  return user;
}

export async function createUser(db: Kysely<DB>, input: NewUser) {
  return db.transaction().execute((trx) => insertUser(trx, input));
}

/** A readable @handle from the display name, numbered when taken. */
async function uniqueHandle(db: Db, displayName: string) {
  const base =
    displayName
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, "-")
      .replace(/-+/g, "-")
      .slice(0, 30) || "member";
  const taken = new Set(
    (
      await db
        .selectFrom("users")
        .select("handle")
        .where((eb) => eb(eb.fn("lower", ["handle"]), "like", `${base}%`))
        .execute()
    ).map((row) => row.handle.toLowerCase()),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function updateProfile(db: Kysely<DB>, userId: string, input: ProfileInput) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("users")
      .set({
        display_name: input.displayName,
        title: input.title,
        bio: input.bio,
        time_zone: input.timeZone,
        languages: input.languages,
        updated_at: new Date(),
      })
      .where("id", "=", userId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound("That person");
    await appendEvent(trx, { type: "user.profile_updated", actorId: userId, payload: { userId } });
  });
}

export async function changeRole(
  db: Kysely<DB>,
  input: { actorId: string; userId: string; role: Role; reason?: string },
) {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "role", "organization_id"])
      .where("id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw notFound("That person");
    if (input.role === "partner_admin" && user.organization_id === null) {
      throw new DomainError("A partner admin must belong to an organization first.", 400, "role");
    }
    if (user.role === input.role) return false;
    await trx.updateTable("users").set({ role: input.role, updated_at: new Date() }).where("id", "=", user.id).execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: "user.role_changed",
      targetType: "user",
      targetId: user.id,
      reason: input.reason ?? null,
      before: { role: user.role },
      after: { role: input.role },
    });
    await appendEvent(trx, {
      type: "user.role_changed",
      actorId: input.actorId,
      payload: { userId: user.id, from: user.role, to: input.role },
    });
    return true;
  });
}

export async function listUsers(db: Kysely<DB>, options: { query?: string; limit?: number; offset?: number }) {
  let query = db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.handle",
      "users.role",
      "users.created_at",
      "organizations.name as organization_name",
    ]);
  if (options.query) {
    const pattern = `%${options.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("users.display_name", "ilike", pattern), eb("users.email", "ilike", pattern)]),
    );
  }
  return query
    .orderBy("users.display_name")
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute();
}

/** People whose handle or display name starts with `prefix`, for @mention autocomplete. */
export async function findMentionCandidates(db: Db, prefix: string) {
  const q = prefix.trim().toLowerCase().slice(0, 40);
  if (!q) return [];
  const pattern = `${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("users")
    .select(["handle", "display_name"])
    .where((eb) => eb.or([eb(eb.fn("lower", ["handle"]), "like", pattern), eb(eb.fn("lower", ["display_name"]), "like", pattern)]))
    .where("deleted_at", "is", null)
    .orderBy("handle")
    .limit(8)
    .execute();
}
