import { Form } from "@remix-run/react";

/**
 * "Mute <name>" as a toggle button (aria-pressed), in a plain form that works without
 * JavaScript and comes back to this page. The muted person is not told.
 */
export function MuteButton({ userId, name, muted, redirectTo }: { userId: string; name: string; muted: boolean; redirectTo: string }) {
  return (
    <Form method="post" action="/settings/muted">
      <input type="hidden" name="intent" value={muted ? "unmute" : "mute"} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className="button-quiet" aria-pressed={muted} aria-label={`Mute ${name}`}>
        {muted ? "Muted" : "Mute"}
      </button>
    </Form>
  );
}
