import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "../../app/domain/analytics/api-keys.server";
import { asSessionUser, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/database";

let database: Database;
let admin: ReturnType<typeof asSessionUser>;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
});
afterAll(async () => {
  await database.close();
});

describe("API keys", () => {
  it("are shown once in full and stored only as a hash of the secret", async () => {
    const created = await createApiKey(database.db, admin, { name: "  Learning platform ", scopes: ["certifications:write"] });
    expect(created.key).toMatch(/^pck_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toBe("Learning platform");
    const row = await database.db.selectFrom("api_keys").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    const secret = created.key.slice(15);
    expect(row.secret_hash).toBe(crypto.createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = (await listApiKeys(database.db, admin)).find((key) => key.id === created.id)!;
    expect(listed).toMatchObject({ prefix: created.prefix, scopes: ["certifications:write"], last_used_at: null, revoked_at: null });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(await authenticateApiKey(database.db, `Bearer ${created.key}`)).toMatchObject({ ok: true, key: { id: created.id } });
  });

  it("need a name and known scopes, and only admins manage them", async () => {
    await expect(createApiKey(database.db, admin, { name: " ", scopes: ["events:write"] })).rejects.toMatchObject({ field: "name" });
    await expect(createApiKey(database.db, admin, { name: "CRM", scopes: [] })).rejects.toMatchObject({ field: "scopes" });
    await expect(createApiKey(database.db, admin, { name: "CRM", scopes: ["admin:all"] })).rejects.toMatchObject({ field: "scopes", message: 'There is no scope called "admin:all".' });
    const member = asSessionUser(await makeUser(database.db));
    await expect(createApiKey(database.db, member, { name: "Mine", scopes: ["events:write"] })).rejects.toMatchObject({ status: 403 });
    await expect(listApiKeys(database.db, member)).rejects.toMatchObject({ status: 403 });
  });

  it("are revoked once, with an audit row for creation and revocation", async () => {
    const created = await createApiKey(database.db, admin, { name: "Events tool", scopes: ["attendance:write"] });
    expect(await revokeApiKey(database.db, admin, created.id)).toMatchObject({ id: created.id });
    expect(await revokeApiKey(database.db, admin, created.id)).toBeNull();
    await expect(revokeApiKey(database.db, admin, 999_999)).rejects.toMatchObject({ status: 404 });
    expect(await authenticateApiKey(database.db, `Bearer ${created.key}`)).toMatchObject({ ok: false, reason: "revoked" });
    const audit = await database.db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_type", "=", "api_key").where("target_id", "=", String(created.id)).orderBy("id").execute();
    expect(audit).toEqual([
      { action: "api_key.created", actor_id: admin.id },
      { action: "api_key.revoked", actor_id: admin.id },
    ]);
  });
});
