import { useEffect, useRef } from "react";
import type { ServerToClientEvents } from "./events";
import { getSocket, joinRoom, leaveRoom } from "./socket.client";

type Handlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

/**
 * Subscribes a component to socket events (and optionally a room) while it is mounted.
 * Handlers may change between renders without re-subscribing.
 */
export function useSocketEvents(handlers: Handlers, options: { room?: string; enabled?: boolean } = {}) {
  const latest = useRef(handlers);
  latest.current = handlers;
  const { room, enabled = true } = options;
  const events = Object.keys(handlers).sort().join(",");

  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const names = events ? (events.split(",") as (keyof ServerToClientEvents)[]) : [];
    const listeners = names.map((name) => {
      const listener = (...args: unknown[]) =>
        (latest.current[name] as ((...a: unknown[]) => void) | undefined)?.(...args);
      socket.on(name, listener as never);
      return [name, listener] as const;
    });
    if (room) joinRoom(room);
    return () => {
      for (const [name, listener] of listeners) socket.off(name, listener as never);
      if (room) leaveRoom(room);
    };
  }, [events, room, enabled]);
}
