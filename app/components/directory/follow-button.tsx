import { Form } from "@remix-run/react";

/** Follow or unfollow, as a plain form so it works without JavaScript; returns to this page. */
export function FollowButton({ kind, id, name, following, redirectTo }: { kind: "user" | "organization"; id: string | number; name: string; following: boolean; redirectTo: string }) {
  return (
    <Form method="post" action="/api/follows">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="following" value={following ? "false" : "true"} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className={following ? "button-quiet" : undefined} aria-pressed={following} aria-label={following ? `Unfollow ${name}` : `Follow ${name}`}>
        {following ? "Following" : "Follow"}
      </button>
    </Form>
  );
}
