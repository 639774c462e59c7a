import { Link } from "@remix-run/react";
import type { MentorImpact } from "../../domain/analytics/mentor-impact";
import { DataTable } from "./data-table";
import type { Formatters } from "./format";

export function MentorImpactTable({ rows, format, csvHref }: { rows: MentorImpact[]; format: Formatters; csvHref: string }) {
  return (
    <DataTable
      caption="Mentor impact"
      rows={rows}
      rowKey={(m) => m.mentorId}
      csvHref={csvHref}
      empty="No mentorships have started yet."
      columns={[
        { key: "mentor", label: "Mentor", cell: (m) => <Link to={`/u/${m.mentorHandle}`}>{m.mentorName}</Link> },
        { key: "org", label: "Organization", cell: (m) => m.organization ?? "–" },
        { key: "mentees", label: "Mentees", numeric: true, cell: (m) => format.number(m.mentees) },
        { key: "pb", label: "Mentee points, 90 days before", numeric: true, cell: (m) => format.number(m.pointsBefore) },
        { key: "pa", label: "Mentee points, 90 days after", numeric: true, cell: (m) => format.number(m.pointsAfter) },
        { key: "wb", label: "Mentee organizations’ won deals, 6 months before", numeric: true, cell: (m) => format.number(m.wonDealsBefore) },
        { key: "wa", label: "Won deals, 6 months after", numeric: true, cell: (m) => format.number(m.wonDealsAfter) },
      ]}
    />
  );
}
