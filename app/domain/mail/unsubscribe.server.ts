import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * One-click unsubscribe links carry who and what, signed with HMAC-SHA256 under a key the app
 * makes for itself on first use (kept in `app_secrets`, so every process shares it). The link
 * needs no sign-in: the signature is the authority, and all it can do is turn mail off.
 */
const SECRET_NAME = "unsubscribe-link-key";

async function signingKey(db: Db) {
  await db
    .insertInto("app_secrets")
    .values({ name: SECRET_NAME, value: crypto.randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("app_secrets").select("value").where("name", "=", SECRET_NAME).executeTakeFirstOrThrow();
  return row.value;
}

const mac = (key: string, body: string) => crypto.createHmac("sha256", key).update(body).digest("base64url");

/** `scope` is a mail kind, or "digest" for every kind that arrives in digests. */
export async function unsubscribeToken(db: Db, userId: string, scope: string) {
  const body = Buffer.from(JSON.stringify([userId, scope])).toString("base64url");
  return `${body}.${mac(await signingKey(db), body)}`;
}

export async function readUnsubscribeToken(db: Db, token: string): Promise<{ userId: string; scope: string } | null> {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(await signingKey(db), body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const [userId, scope] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof userId !== "string" || typeof scope !== "string") return null;
    return { userId, scope };
  } catch {
    return null;
  }
}
