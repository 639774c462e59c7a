import { useRef } from "react";
import { useRevalidator } from "@remix-run/react";
import type { ServerToClientEvents } from "../../realtime/events";
import { useSocketEvents } from "../../realtime/useSocket";

/**
 * Re-runs the page's loaders when a socket event arrives, at most once per `intervalMs`: a burst
 * of points (a popular post) becomes one reload, and the last change is never dropped.
 */
export function useLiveRevalidate(event: keyof ServerToClientEvents, room: string, intervalMs = 1000) {
  const revalidator = useRevalidator();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSocketEvents(
    {
      [event]: () => {
        if (pending.current) return;
        const wait = Math.max(0, last.current + intervalMs - Date.now());
        pending.current = setTimeout(() => {
          pending.current = null;
          last.current = Date.now();
          revalidator.revalidate();
        }, wait);
      },
    },
    { room },
  );
}
