import type { ReactNode } from "react";

/**
 * A muted member's post, folded (decision 023): a native disclosure, so "show" works without
 * JavaScript and is announced as one by screen readers.
 */
export function MutedFold({ muted, children }: { muted: boolean; children: ReactNode }) {
  if (!muted) return <>{children}</>;
  return (
    <details className="muted-post">
      <summary>Post by a muted member — show</summary>
      {children}
    </details>
  );
}
