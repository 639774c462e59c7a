import { describe, expect, it } from "vitest";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { createApiKey } from "../../app/domain/analytics/api-keys.server";
import { useAppServer } from "../support/app-server";
import { asSessionUser, makeUser } from "../support/factories";
import { makeMember } from "../support/recognition";

/** The integration API through the real server (production build): Origin check, cookies, the served description. */
const app = useAppServer();

const body = (email: string) => JSON.stringify({ type: "event_attended", person: { email }, details: { name: "Partner summit" } });

describe("the integration API over HTTP", () => {
  it("accepts a bearer call from any origin (no cookie is involved)", async () => {
    const admin = asSessionUser(await makeUser(app.database.db, { role: "admin" }));
    const { key } = await createApiKey(app.database.db, admin, { name: "Events tool", scopes: ["attendance:write"] });
    const member = await makeMember(app.database.db);
    const response = await fetch(`${app.origin}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": "summit-1", origin: "https://partner-tools.example" },
      body: body(member.email),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "accepted", type: "event_attended" });
  });

  it("refuses a signed-in admin's cookie without a key, even from our own origin", async () => {
    const admin = await makeUser(app.database.db, { role: "admin" });
    const member = await makeMember(app.database.db);
    const { cookie } = await createAuth(app.database.db, { secureCookies: false }).startSession(admin.id, { ip: null, userAgent: null });
    const response = await fetch(`${app.origin}/api/v1/events`, {
      method: "POST",
      headers: { cookie: cookie.split(";")[0]!, "content-type": "application/json", "idempotency-key": "cookie-1", origin: app.origin },
      body: body(member.email),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("invalid_key");
  });

  it("still refuses cross-origin form posts to the rest of the app", async () => {
    const response = await fetch(`${app.origin}/admin/api-keys`, { method: "POST", headers: { origin: "https://evil.example" }, body: new URLSearchParams({ name: "x" }) });
    expect(response.status).toBe(403);
  });

  it("serves the OpenAPI description", async () => {
    const response = await fetch(`${app.origin}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; servers: { url: string }[] };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/events");
    expect(doc.servers[0]!.url).toBe(`${app.origin}/api/v1`);
  });
});
