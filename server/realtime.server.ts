import type http from "node:http";
import { Server, type Socket } from "socket.io";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Auth, SessionUser } from "../app/domain/accounts/auth.server";
import { mayJoinRoom } from "../app/domain/rooms.server";
import { loadReaders } from "../app/domain/follow/readers.server";
import type { RealtimeControl } from "../app/realtime/control";
import {
  sessionRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../app/realtime/events";
import type { Logger } from "./logger";
import type { RealtimeAdapter } from "./realtime-adapter";

interface SocketData {
  user: SessionUser | null;
  sessionId: string | null;
}

/** Between app processes, through the adapter: a user's rights changed, re-read them. */
interface InterServerEvents {
  "user:refresh": (userId: string) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const MAX_ROOMS_PER_SOCKET = 50;

export function createRealtime(
  httpServer: http.Server,
  options: {
    auth: Auth;
    db: Kysely<DB>;
    log: Logger;
    publicOrigin: string;
    /** Carries broadcasts to the other app processes (server/realtime-adapter.ts); none with one process. */
    adapter?: RealtimeAdapter | null;
    /**
     * Several processes behind one port get no sticky sessions: a long-polling request may land
     * on a process that never saw its handshake. WebSocket is one connection, so only it is offered.
     */
    websocketOnly?: boolean;
  },
): RealtimeControl & { io: RealtimeServer; close(): Promise<void> } {
  const { auth, db, log, publicOrigin, adapter } = options;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    ...(options.websocketOnly ? { transports: ["websocket"] as const } : {}),
    ...(adapter ? { adapter: adapter.adapter } : {}),
    // A page on another origin must not ride the visitor's cookie into our sockets.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, origin === publicOrigin);
    },
  });

  io.use(async (socket, next) => {
    try {
      const session = await auth.validate(socket.request.headers.cookie);
      socket.data.user = session?.user ?? null;
      socket.data.sessionId = session?.sessionId ?? null;
      next();
    } catch (error) {
      log.error({ err: error }, "socket handshake failed");
      next(new Error("handshake failed"));
    }
  });

  io.on("connection", (socket: AppSocket) => {
    const { user, sessionId } = socket.data;
    if (user && sessionId) {
      void socket.join([userRoom(user.id), sessionRoom(sessionId)]);
    }
    socket.on("room:join", async (room, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (typeof room !== "string" || room.length > 100 || socket.rooms.size > MAX_ROOMS_PER_SOCKET) {
        return reply({ ok: false, error: "invalid room" });
      }
      try {
        if (!(await mayJoinRoom(db, socket.data.user, room))) return reply({ ok: false, error: "not allowed" });
        await socket.join(room);
        reply({ ok: true });
      } catch (error) {
        log.error({ err: error, room }, "room join failed");
        reply({ ok: false, error: "failed" });
      }
    });
    socket.on("room:leave", (room) => {
      if (typeof room === "string" && !room.startsWith("user:") && !room.startsWith("session:")) {
        void socket.leave(room);
      }
    });
  });

  function refreshLocal(userId: string, fresh: SessionUser) {
    for (const socket of io.of("/").sockets.values()) {
      if (socket.data.user?.id === userId) socket.data.user = fresh;
    }
  }

  io.on("user:refresh", async (userId) => {
    try {
      const fresh = (await loadReaders(db, [userId])).get(userId);
      if (fresh) refreshLocal(userId, fresh);
    } catch (error) {
      log.error({ err: error, userId }, "refreshing a user's sockets failed");
    }
  });

  return {
    io,
    async disconnectSession(sessionId) {
      io.to(sessionRoom(sessionId)).emit("session:ended");
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    async revalidateUser(userId) {
      const fresh = (await loadReaders(db, [userId])).get(userId);
      const sockets = await io.in(userRoom(userId)).fetchSockets();
      if (!fresh) {
        io.in(userRoom(userId)).disconnectSockets(true);
        return;
      }
      // Room joins ask the policy with socket.data.user; the other processes hold their own copies.
      if (adapter) io.serverSideEmit("user:refresh", userId);
      for (const socket of sockets) {
        for (const room of socket.rooms) {
          if (room === socket.id || room.startsWith("user:") || room.startsWith("session:")) continue;
          if (!(await mayJoinRoom(db, fresh, room))) {
            socket.leave(room);
            socket.emit("room:removed", room);
          }
        }
      }
      refreshLocal(userId, fresh);
    },
    connectedCount: () => io.of("/").sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        io.close(() => resolve());
      }),
  };
}
