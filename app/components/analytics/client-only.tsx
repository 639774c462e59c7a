import { useEffect, useState, type ReactNode } from "react";

/**
 * Charts draw after hydration: their layout depends on the browser, and the table beside each
 * chart carries the same figures for the server render, no-JavaScript readers and screen readers.
 */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
