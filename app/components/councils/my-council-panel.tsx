import { Link } from "@remix-run/react";
import { Day } from "./council-nav";

export interface MyCouncil {
  actionItems: { id: string; title: string; due_at: string | Date; meeting_id: string; council_name: string; dueSoon: boolean }[];
  invitations: { id: string; name: string; accepted_at: string | Date | null }[];
}

/** The "My council" panel on the home page: open action items and invitations waiting for an answer. */
export function MyCouncilPanel({ council }: { council: MyCouncil }) {
  if (council.actionItems.length === 0 && council.invitations.length === 0) return null;
  return (
    <section className="card stack-tight" aria-labelledby="my-council-heading">
      <h2 id="my-council-heading">My council</h2>
      {council.invitations.map((invitation) => (
        <p key={invitation.id}>
          <Link to={`/councils/${invitation.id}`}>{invitation.name}</Link>:{" "}
          {invitation.accepted_at ? "acknowledge the current confidentiality terms to enter" : "you are invited to join"}
        </p>
      ))}
      {council.actionItems.length ? (
        <ul>
          {council.actionItems.map((item) => (
            <li key={item.id}>
              <Link to={`/councils/meetings/${item.meeting_id}`}>{item.title}</Link> · {item.council_name} · due <Day date={item.due_at} />
              {item.dueSoon ? <span className="due-soon"> · due soon</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
