import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import type { Database } from "../../db/client";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { createTestDatabase } from "../support/database";
import { makeUser } from "../support/factories";
import { startAppServer } from "../support/app-server";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
}, 180_000);
afterAll(async () => {
  await database.close();
});

it("shuts down promptly with a live socket and an idle keep-alive connection, and the socket hears it", async () => {
  const server = await startAppServer(database);
  const user = await makeUser(database.db);
  const { cookie } = await createAuth(database.db, { secureCookies: false }).startSession(user.id, { ip: null, userAgent: null });

  // A browser tab: one kept-alive HTTP connection, idle after its page, and a websocket.
  const agent = new http.Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) =>
    http.get(`${server.base}/healthz`, { agent }, (res) => res.resume().on("end", resolve)).on("error", reject),
  );
  const socket = connect(server.base, { transports: ["websocket"], extraHeaders: { cookie, origin: server.base } });
  await new Promise<void>((resolve, reject) => socket.on("connect", resolve).on("connect_error", reject));
  const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));

  // Before, the open socket held server.close() until the 10-second forced exit.
  await server.close();
  expect(await disconnected).toBe("io server disconnect");
  socket.close();
  agent.destroy();
  // The database is still usable here: nothing the app started outlives close().
  expect(await database.db.selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirst()).toEqual({ id: user.id });
}, 20_000);
