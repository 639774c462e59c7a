import { RelativeTime } from "../time";

export interface MentorshipSummary {
  public_id: string;
  status: string;
  mentor_name: string;
  mentee_name: string;
  topics: string[];
  requested_at: string | Date;
  started_at: string | Date | null;
  ended_at: string | Date | null;
  end_reason: string | null;
}

const statusWords: Record<string, string> = {
  requested: "Waiting for an answer",
  active: "Active",
  ended: "Ended",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

/** Mentorships with the other person's name; `show` picks which side is "the other". */
export function MentorshipList({ items, show, empty }: { items: MentorshipSummary[]; show: "mentor" | "mentee"; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="mentorship-list">
      {items.map((m) => (
        <li key={m.public_id} className="card mentorship-row">
          <div className="stack-tight">
            <a href={`/mentoring/m/${m.public_id}`}>{show === "mentor" ? m.mentor_name : m.mentee_name}</a>
            {m.topics.length ? <span className="muted">{m.topics.join(", ")}</span> : null}
          </div>
          <span className="cluster">
            <span className={`status status-${m.status}`}>
              {statusWords[m.status] ?? m.status}
              {m.end_reason === "not_a_good_fit" ? " (not a good fit)" : ""}
            </span>
            <span className="muted">
              <RelativeTime date={m.ended_at ?? m.started_at ?? m.requested_at} />
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
