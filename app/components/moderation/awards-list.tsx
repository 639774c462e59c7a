import type { ReactNode } from "react";
import { manualBadgeDefinition } from "../../domain/recognition/badges";
import { RelativeTime } from "../time";

export interface AwardView {
  id: number;
  kind: "points" | "badge";
  points: number | null;
  badge: string | null;
  reason: string;
  post_id: string | null;
  created_at: string | Date;
  revoked_at: string | Date | null;
  revoke_reason: string | null;
  recipient_name: string;
  recipient_handle: string;
  moderator_name: string | null;
}

/** Recognition a moderator gave by hand, with the reason. */
export function AwardsList({ awards, showRecipient = false, tools }: { awards: AwardView[]; showRecipient?: boolean; tools?: (award: AwardView) => ReactNode }) {
  if (awards.length === 0) return <p className="muted">No awards yet.</p>;
  return (
    <ul className="stack-tight" style={{ listStyle: "none", padding: 0 }}>
      {awards.map((award) => (
        <li key={award.id} className="card stack-tight">
          <p style={{ margin: 0 }}>
            <span className="badge badge-accent">{award.kind === "points" ? `+${award.points} points` : (manualBadgeDefinition(award.badge ?? "")?.name ?? award.badge)}</span>{" "}
            {showRecipient ? (
              <>
                to <a href={`/u/${award.recipient_handle}`}>{award.recipient_name}</a>{" "}
              </>
            ) : null}
            <span className="muted">
              from {award.moderator_name ?? "a moderator"}, <RelativeTime date={award.created_at} />
            </span>
          </p>
          <p style={{ margin: 0 }}>
            {award.reason}
            {award.post_id ? (
              <>
                {" "}
                <a href={`/p/${award.post_id}`}>The post</a>
              </>
            ) : null}
          </p>
          {award.revoked_at ? <p className="muted" style={{ margin: 0 }}>Revoked: {award.revoke_reason}</p> : null}
          {tools?.(award)}
        </li>
      ))}
    </ul>
  );
}
