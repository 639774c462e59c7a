import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;
const wantedRooms = new Map<string, number>();

/** One socket per page; it re-joins the rooms that components still want after each reconnect. */
export function getSocket(): AppSocket {
  if (socket) return socket;
  socket = io({ transports: ["websocket", "polling"], withCredentials: true });
  socket.on("connect", () => {
    for (const room of wantedRooms.keys()) socket!.emit("room:join", room, () => {});
  });
  return socket;
}

export function joinRoom(room: string) {
  const count = wantedRooms.get(room) ?? 0;
  wantedRooms.set(room, count + 1);
  const current = getSocket();
  if (count === 0 && current.connected) current.emit("room:join", room, () => {});
}

export function leaveRoom(room: string) {
  const count = wantedRooms.get(room) ?? 0;
  if (count <= 1) {
    wantedRooms.delete(room);
    socket?.emit("room:leave", room);
  } else {
    wantedRooms.set(room, count - 1);
  }
}
