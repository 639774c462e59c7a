import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { mailPreferences, setMailPreferences } from "../../app/domain/mail/preferences.server";
import { unsubscribeToken } from "../../app/domain/mail/unsubscribe.server";
import { requireSameOrigin } from "../../server/http/origin";
import { oneClickUnsubscribe } from "../../server/mail";
import { createTestDatabase } from "../support/database";
import { makeUser } from "../support/factories";

/** The unsubscribe POST as server/app.ts mounts it: before the same-origin check that guards everything else. */
let database: Database;
let server: http.Server;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const app = express();
  app.post("/unsubscribe", ...oneClickUnsubscribe(database.db));
  app.use(requireSameOrigin("https://community.example.test"));
  app.post("/elsewhere", (_req, res) => void res.send("reached"));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

const oneClick = (token: string) =>
  fetch(`${base}/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });

describe("one-click unsubscribe (RFC 8058)", () => {
  it("turns the kind off for a mail provider's POST with no cookie and no Origin", async () => {
    const user = await makeUser(database.db);
    await setMailPreferences(database.db, user.id, { message: "immediately", reply: "immediately" });
    const response = await oneClick(await unsubscribeToken(database.db, user.id, "message"));
    expect(response.status).toBe(200);
    const preferences = await mailPreferences(database.db, user.id);
    expect(preferences.message).toBe("never");
    expect(preferences.reply).toBe("immediately");
  });

  it("turns off every digest kind for a digest's link", async () => {
    const user = await makeUser(database.db);
    await setMailPreferences(database.db, user.id, { watching: "daily", badge: "weekly", reply: "immediately" });
    await oneClick(await unsubscribeToken(database.db, user.id, "digest"));
    expect(await mailPreferences(database.db, user.id)).toMatchObject({ watching: "never", badge: "never", reply: "immediately" });
  });

  it("refuses a forged or altered token and changes nothing", async () => {
    const user = await makeUser(database.db);
    const victim = await makeUser(database.db);
    const token = await unsubscribeToken(database.db, user.id, "message");
    const forgedBody = Buffer.from(JSON.stringify([victim.id, "message"])).toString("base64url");
    expect((await oneClick(`${forgedBody}.${token.split(".")[1]}`)).status).toBe(400);
    expect((await oneClick("garbage")).status).toBe(400);
    expect((await mailPreferences(database.db, victim.id)).message).toBe("immediately");
  });

  it("leaves every other POST behind the same-origin check", async () => {
    expect((await fetch(`${base}/elsewhere`, { method: "POST" })).status).toBe(403);
  });
});
