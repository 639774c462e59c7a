import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Loads typing suggestions (similar threads, people to mention) from a JSON endpoint, keeping
 * only the answer to the latest request. Not a Remix fetcher on purpose: the router cancels
 * fetcher loads when the form is submitted and reports each cancellation as a console error,
 * while a suggestion that arrives too late is simply not needed.
 */
export function useSuggestions<T>() {
  const [data, setData] = useState<T | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback((url: string) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    fetch(url, { signal: controller.signal, headers: { accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<T>) : undefined))
      .then((json) => {
        if (json !== undefined && !controller.signal.aborted) setData(json);
      })
      // Suggestions are optional: a failed or cancelled request leaves the last ones shown.
      .catch(() => undefined);
  }, []);

  useEffect(() => () => inFlight.current?.abort(), []);
  return { data, load };
}
