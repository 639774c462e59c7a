import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import type { Database } from "../../db/client";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { changeRole } from "../../app/domain/accounts/users.server";
import { createRealtime } from "../../server/realtime.server";
import { createLogger } from "../../server/logger";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser } from "../support/factories";

let database: Database;
let server: http.Server;
let realtime: ReturnType<typeof createRealtime>;
let origin: string;
let auth: ReturnType<typeof createAuth>;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth(database.db, { secureCookies: false });
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  realtime = createRealtime(server, { auth, db: database.db, log: createLogger("silent"), publicOrigin: origin });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await realtime.close();
  await database.close();
});

async function sessionCookie(userId: string) {
  const { cookie, sessionId } = await auth.startSession(userId, { ip: null, userAgent: null });
  return { cookie: cookie.split(";")[0], sessionId };
}

function open(options: { cookie?: string; origin?: string } = {}) {
  const socket = connect(origin, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { origin: options.origin ?? origin, ...(options.cookie ? { cookie: options.cookie } : {}) },
  });
  sockets.push(socket);
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });

const join = (socket: Socket, room: string) =>
  new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", room, resolve));

describe("socket.io", () => {
  it("refuses a connection from another origin", async () => {
    const socket = open({ origin: "https://evil.example" });
    await expect(connected(socket)).rejects.toThrow();
  });

  it("lets a signed-in user join only rooms the policy allows", async () => {
    const organization = await makeOrganization(database.db);
    const user = await makeUser(database.db, { organizationId: organization.id });
    const other = await makeUser(database.db);
    const socket = open({ cookie: (await sessionCookie(user.id)).cookie });
    await connected(socket);
    expect(await join(socket, `org:${organization.id}`)).toEqual({ ok: true });
    expect(await join(socket, `user:${other.id}`)).toMatchObject({ ok: false });
    expect(await join(socket, "nonsense-room")).toMatchObject({ ok: false });
  });

  it("treats a visitor without a session as anonymous: no private rooms", async () => {
    const user = await makeUser(database.db);
    const socket = open();
    await connected(socket);
    expect(await join(socket, `user:${user.id}`)).toMatchObject({ ok: false });
  });

  it("disconnects the sockets of a session that logs out, and only those", async () => {
    const user = await makeUser(database.db);
    const first = await sessionCookie(user.id);
    const second = await sessionCookie(user.id);
    const loggingOut = open({ cookie: first.cookie });
    const staying = open({ cookie: second.cookie });
    await Promise.all([connected(loggingOut), connected(staying)]);
    const ended = new Promise<void>((resolve) => loggingOut.once("disconnect", () => resolve()));
    await auth.endSession(first.sessionId);
    await realtime.disconnectSession(first.sessionId);
    await ended;
    expect(loggingOut.connected).toBe(false);
    expect(staying.connected).toBe(true);
  });

  it("removes a socket from a room at once when the user may no longer be in it", async () => {
    const organization = await makeOrganization(database.db);
    const admin = await makeUser(database.db, { role: "admin", isVendorStaff: true });
    const user = await makeUser(database.db, { organizationId: organization.id });
    const socket = open({ cookie: (await sessionCookie(user.id)).cookie });
    await connected(socket);
    expect(await join(socket, `org:${organization.id}`)).toEqual({ ok: true });

    const removed = new Promise<string>((resolve) => socket.once("room:removed", resolve));
    await database.db.updateTable("users").set({ organization_id: null }).where("id", "=", user.id).execute();
    await changeRole(database.db, { actorId: admin.id, userId: user.id, role: "moderator" });
    await realtime.revalidateUser(user.id);
    expect(await removed).toBe(`org:${organization.id}`);
    const [server] = await realtime.io.in(`org:${organization.id}`).fetchSockets();
    expect(server).toBeUndefined();
  });
});
