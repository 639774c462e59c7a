import { Form } from "@remix-run/react";
import type { QueueItemView } from "../../domain/moderation/queue-view.server";
import { flagReasonLabels } from "../../domain/moderation/flag-weight";
import { RelativeTime } from "../time";

type Item = Omit<QueueItemView, "createdAt" | "settledAt" | "claimedBy" | "post" | "author" | "flags"> & {
  createdAt: string | Date;
  settledAt: string | Date | null;
  claimedBy: { id: string; name: string; at: string | Date | null } | null;
  post: (Omit<NonNullable<QueueItemView["post"]>, "postedAt"> & { postedAt: string | Date }) | null;
  author: (Omit<NonNullable<QueueItemView["author"]>, "since"> & { since: string | Date }) | null;
  flags: (Omit<QueueItemView["flags"][number], "at"> & { at: string | Date })[];
};

/** One review item: what was flagged, its context, and the moderator's choices. */
export function QueueItemCard({ item, viewerId }: { item: Item; viewerId: string }) {
  const heading = `item-${item.id}-title`;
  const open = item.status === "pending" || item.status === "deferred";
  const mine = item.claimedBy?.id === viewerId;
  const held = item.kind === "held";
  return (
    <article className="card stack-tight queue-item" data-status={item.status} aria-labelledby={heading}>
      <header className="spread">
        <div className="cluster">
          {open ? <input type="checkbox" name="itemId" value={item.id} form="bulk" aria-label={`Select item ${item.id} for a bulk action`} /> : null}
          <h2 id={heading} style={{ fontSize: "var(--step-1)", margin: 0 }}>
            {item.thread ? <a href={`/p/${item.post!.id}`}>{item.thread.title}</a> : `An item in a council space`}
          </h2>
        </div>
        <p className="cluster muted" style={{ margin: 0 }}>
          <span className="badge">{held ? "New account" : `Flag weight ${item.flagWeight}`}</span>
          <span className="badge">{item.status}</span>
          {item.post?.hidden ? <span className="badge">Hidden</span> : null}
          {item.post?.deleted ? <span className="badge">Deleted</span> : null}
        </p>
      </header>
      {item.readable && item.post && item.author ? (
        <>
          <div className="post-body prose" dangerouslySetInnerHTML={{ __html: item.post.html }} />
          <dl className="queue-context">
            <div>
              <dt>Author</dt>
              <dd>
                <a href={`/mod/users/${item.author.handle}`}>{item.author.name}</a> · level {item.author.level}
                {item.author.suspended ? " · suspended" : ""}
              </dd>
            </div>
            <div>
              <dt>History</dt>
              <dd>
                {item.author.posts} posts, {item.author.hidden} hidden, {item.author.deleted} deleted, {item.author.agreedFlags} upheld flags; member since{" "}
                <RelativeTime date={item.author.since} />
              </dd>
            </div>
            <div>
              <dt>Posted</dt>
              <dd>
                <RelativeTime date={item.post.postedAt} /> in {item.category.name}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="muted">Council content: only that council&apos;s chair and admins can read and review it.</p>
      )}
      {item.flags.length ? (
        <ul className="flag-list" aria-label="Flags">
          {item.flags.map((flag, index) => (
            <li key={index}>
              {flagReasonLabels[flag.reason]} by {flag.by} (weight {flag.weight}){flag.note ? `: “${flag.note}”` : ""}
              {flag.outcome ? ` · ${flag.outcome}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <p className="muted" style={{ margin: 0 }}>
          {item.claimedBy ? (mine ? "You claimed this item." : `Claimed by ${item.claimedBy.name}.`) : "Unclaimed."}
        </p>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          Settled by {item.settledBy ?? "someone"} ({item.resolution}) {item.settledAt ? <RelativeTime date={item.settledAt} /> : null}
        </p>
      )}
      {open && item.readable ? (
        <div className="stack-tight">
          {!mine ? (
            <Form method="post">
              <input type="hidden" name="itemId" value={item.id} />
              <button type="submit" name="intent" value="claim" className="button-quiet">
                Claim
              </button>
            </Form>
          ) : null}
        <Form method="post" className="mod-actions">
          <input type="hidden" name="itemId" value={item.id} />
          <div className="field">
            <label htmlFor={`reason-${item.id}`}>Reason (optional)</label>
            {/* A textarea: Enter adds a line instead of submitting the first action by accident. */}
            <textarea id={`reason-${item.id}`} name="reason" maxLength={500} rows={1} />
          </div>
          <input type="hidden" name="intent" value="decide" />
          {held ? (
            <>
              <button type="submit" name="decision" value="disagree">
                Approve
              </button>
              <button type="submit" name="decision" value="agree-delete" className="button-danger">
                Reject and delete
              </button>
            </>
          ) : (
            <>
              <button type="submit" name="decision" value="agree-hide">
                Agree: hide
              </button>
              <button type="submit" name="decision" value="agree-delete" className="button-danger">
                Agree: delete
              </button>
              <button type="submit" name="decision" value="disagree" className="button-quiet">
                Disagree: restore
              </button>
            </>
          )}
          <button type="submit" name="decision" value="defer" className="button-quiet">
            Defer
          </button>
        </Form>
        </div>
      ) : null}
    </article>
  );
}
