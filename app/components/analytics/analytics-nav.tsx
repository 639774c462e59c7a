import { NavLink } from "@remix-run/react";

/** Links between the admins' analytics pages. */
export function AnalyticsNav() {
  return (
    <nav aria-label="Analytics" className="tabs cluster">
      <NavLink to="/analytics" end>
        Dashboard
      </NavLink>
      <NavLink to="/analytics/import">Import program figures</NavLink>
    </nav>
  );
}
