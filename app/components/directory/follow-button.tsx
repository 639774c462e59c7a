import { Form } from "@remix-run/react";

/**
 * A toggle button (aria-pressed) with a steady name, "Follow <name>", as toggle buttons should
 * have; a plain form, so it works without JavaScript, that returns to this page.
 */
export function FollowButton({ kind, id, name, following, redirectTo }: { kind: "user" | "organization"; id: string | number; name: string; following: boolean; redirectTo: string }) {
  return (
    <Form method="post" action="/api/follows">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="following" value={following ? "false" : "true"} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className={following ? "button-quiet" : undefined} aria-pressed={following} aria-label={`Follow ${name}`}>
        {following ? "Following" : "Follow"}
      </button>
    </Form>
  );
}
