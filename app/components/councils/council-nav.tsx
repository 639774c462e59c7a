import { NavLink } from "@remix-run/react";

/** The tabs of one council space. */
export function CouncilNav({ councilId, name }: { councilId: string; name: string }) {
  const base = `/councils/${councilId}`;
  return (
    <nav aria-label={`${name} sections`} className="council-nav">
      <ul>
        <li>
          <NavLink to={base} end>
            Overview
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/meetings`}>Meetings</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/proposals`}>Proposals and decisions</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/roster`}>Roster</NavLink>
        </li>
      </ul>
    </nav>
  );
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A calendar date (terms, due dates), the same for every reader. */
export function Day({ date }: { date: string | Date }) {
  const value = new Date(date);
  return <time dateTime={value.toISOString()}>{day.format(value)}</time>;
}

/** Marks a page as confidential, so nobody mistakes it for a public one. */
export function ConfidentialNote() {
  return (
    <p className="council-confidential">
      <span aria-hidden="true">🔒</span> Confidential: visible only to this council&apos;s members and the vendor&apos;s admins.
    </p>
  );
}
