import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, forbidden, notFound } from "../errors";
import { can } from "../policy.server";
import { isApiScope, MAX_KEY_NAME } from "./api-scopes";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Integration keys (decision 025): `pck_<10 hex>_<43 base64url>`. The prefix names the key
 * (unique, shown in lists and logs); only a SHA-256 of the 256-bit secret is stored. A fast
 * hash is enough because the secret is random, not chosen by a person: nothing to guess from a
 * dictionary, and 2^256 candidates stay out of reach however fast each one is to try.
 */
const TOKEN = /^(pck_[0-9a-f]{10})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

export async function createApiKey(db: Kysely<DB>, actor: SessionUser, input: { name: string; scopes: string[] }) {
  if (!can(actor, "analytics.manageApiKeys")) throw forbidden("Only administrators can create API keys.");
  const name = input.name.trim();
  if (name === "") throw new DomainError("Give the key a name, such as the system that will use it.", 400, "name");
  if (name.length > MAX_KEY_NAME) throw new DomainError(`Keep the name under ${MAX_KEY_NAME} characters.`, 400, "name");
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new DomainError("Choose at least one scope.", 400, "scopes");
  const unknown = scopes.find((scope) => !isApiScope(scope));
  if (unknown) throw new DomainError(`There is no scope called "${unknown}".`, 400, "scopes");

  const prefix = `pck_${crypto.randomBytes(5).toString("hex")}`;
  const secret = crypto.randomBytes(32).toString("base64url");
  const row = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("api_keys")
      .values({ name, scopes, prefix, secret_hash: hashSecret(secret), created_by: actor.id })
      .returning(["id", "name", "scopes", "prefix", "created_at"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "api_key.created",
      targetType: "api_key",
      targetId: String(created.id),
      after: { name, scopes, prefix },
    });
    return created;
  });
  // The only moment the whole key exists outside the caller's hands.
  return { ...row, key: `${prefix}_${secret}` };
}

export async function revokeApiKey(db: Kysely<DB>, actor: SessionUser, id: number) {
  if (!can(actor, "analytics.manageApiKeys")) throw forbidden("Only administrators can revoke API keys.");
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("api_keys")
      .set({ revoked_at: new Date() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["id", "name", "prefix"])
      .executeTakeFirst();
    if (!revoked) {
      const exists = await trx.selectFrom("api_keys").select("id").where("id", "=", id).executeTakeFirst();
      if (!exists) throw notFound("That API key");
      return null;
    }
    await recordAudit(trx, { actorId: actor.id, action: "api_key.revoked", targetType: "api_key", targetId: String(id), before: { name: revoked.name, prefix: revoked.prefix } });
    return revoked;
  });
}

export async function listApiKeys(db: Kysely<DB>, actor: SessionUser) {
  if (!can(actor, "analytics.manageApiKeys")) throw forbidden("Only administrators can see API keys.");
  return db
    .selectFrom("api_keys as k")
    .leftJoin("users as u", "u.id", "k.created_by")
    .select(["k.id", "k.name", "k.scopes", "k.prefix", "k.created_at", "k.last_used_at", "k.revoked_at", "u.display_name as created_by_name"])
    .orderBy("k.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("k.created_at", "desc")
    .orderBy("k.id", "desc")
    .execute();
}

export type KeyCheck =
  | { ok: true; key: { id: number; name: string; scopes: string[]; prefix: string } }
  | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked"; prefix: string | null };

/** Who is calling, from an `Authorization: Bearer` header value. Cookies play no part. */
export async function authenticateApiKey(db: Db, authorization: string | null): Promise<KeyCheck> {
  if (!authorization) return { ok: false, reason: "missing", prefix: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match ? TOKEN.exec(match[1]!) : null;
  if (!token) return { ok: false, reason: "malformed", prefix: null };
  const [, prefix, secret] = token as unknown as [string, string, string];
  const row = await db.selectFrom("api_keys").select(["id", "name", "scopes", "prefix", "secret_hash", "revoked_at"]).where("prefix", "=", prefix).executeTakeFirst();
  const expected = Buffer.from(row?.secret_hash ?? hashSecret(""), "hex");
  const given = Buffer.from(hashSecret(secret), "hex");
  // Compared in constant time even for an unknown prefix, so timing tells nothing about the secret.
  const matches = crypto.timingSafeEqual(expected, given);
  if (!row || !matches) return { ok: false, reason: "unknown", prefix };
  if (row.revoked_at) return { ok: false, reason: "revoked", prefix };
  return { ok: true, key: { id: row.id, name: row.name, scopes: row.scopes, prefix: row.prefix } };
}
