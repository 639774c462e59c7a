import { useCallback, useEffect, useRef } from "react";
import { useNavigation, useRevalidator } from "@remix-run/react";
import type { ServerToClientEvents } from "./events";
import { useSocketEvents } from "./useSocket";

/**
 * Returns a function that asks for the page's loaders to run again soon. Requests are coalesced
 * (at most one re-read per `intervalMs`, and the last request is never dropped), and a re-read
 * never starts while another re-read or a navigation is under way: starting one would cancel the
 * one in flight, so a burst of live events would keep cancelling itself and show nothing new.
 */
export function useRevalidateSoon(intervalMs = 300) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const busy = revalidator.state !== "idle" || navigation.state !== "idle";
  const latest = useRef({ revalidate: revalidator.revalidate, busy });
  latest.current = { revalidate: revalidator.revalidate, busy };
  const wanted = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRun = useRef(0);

  const flush = useCallback(() => {
    timer.current = null;
    // While busy, the effect below flushes again once the router is idle.
    if (!wanted.current || latest.current.busy) return;
    wanted.current = false;
    lastRun.current = Date.now();
    latest.current.revalidate();
  }, []);

  const request = useCallback(() => {
    wanted.current = true;
    if (timer.current) return;
    timer.current = setTimeout(flush, Math.max(0, lastRun.current + intervalMs - Date.now()));
  }, [flush, intervalMs]);

  useEffect(() => {
    if (!busy && wanted.current && !timer.current) flush();
  }, [busy, flush]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return request;
}

/** Re-reads the page whenever `event` arrives in `room` (coalesced as above). */
export function useLiveRevalidate(
  event: keyof ServerToClientEvents,
  options: { room?: string; enabled?: boolean; intervalMs?: number } = {},
) {
  const revalidateSoon = useRevalidateSoon(options.intervalMs);
  useSocketEvents({ [event]: revalidateSoon }, { room: options.room, enabled: options.enabled });
}
