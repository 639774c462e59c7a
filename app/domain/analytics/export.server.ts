import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { csvCell } from "../moderation/csv";
import { ecosystemDashboard, organizationDashboard } from "./dashboard.server";
import type { DashboardFilter } from "./filters";

/**
 * Every dashboard table as CSV, the same rows the page shows (all of them, not the page's cut).
 * Text goes through csvCell, which neutralizes formulas (a name like "=HYPERLINK(...)" stays
 * text); numbers are written plainly so spreadsheets read them as numbers, negatives included.
 */
export const ecosystemTables = ["organizations", "contributors", "trend", "segments", "mentors"] as const;
export const organizationTables = ["trend", "members", "mentorships", "mentors"] as const;
export type EcosystemTable = (typeof ecosystemTables)[number];
export type OrganizationTable = (typeof organizationTables)[number];

type Cell = string | number | boolean | null | Date;

function cell(value: Cell) {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return csvCell(value);
}

export function toCsv(header: string[], rows: Cell[][]) {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

export async function ecosystemCsv(db: Kysely<DB>, actor: SessionUser, table: EcosystemTable, filter: DashboardFilter) {
  const data = await ecosystemDashboard(db, actor, filter);
  switch (table) {
    case "organizations":
      return toCsv(
        ["organization", "slug", "tier", "community_sector", "points", "active_members_monthly_avg", "accepted_answers", "mentoring_sessions", "council_contributions", "revenue", "registered_deals", "won_deals", "certifications"],
        data.organizations.map((o) => [o.name, o.slug, o.tier, o.communitySector, o.points, o.activeMembers, o.acceptedAnswers, o.mentoringSessions, o.councilContributions, o.revenue, o.registeredDeals, o.wonDeals, o.certifications]),
      );
    case "contributors":
      return toCsv(["organization", "slug", "organizations_helped", "accepted_answers_for_others"], data.contributors.map((c) => [c.name, c.slug, c.helpedOrganizations, c.answers]));
    case "trend":
      return toCsv(["month", "points", "active_members", "accepted_answers", "revenue", "won_deals"], data.trend.map((t) => [t.month, t.points, t.activeMembers, t.acceptedAnswers, t.revenue, t.wonDeals]));
    case "segments":
      return toCsv(
        ["segment", "organizations", "points_per_organization", "accepted_answers", "mentoring_sessions", "revenue_per_organization", "won_deals_per_organization"],
        data.segments.map((s) => [s.segment, s.organizations, s.pointsPerOrganization, s.acceptedAnswers, s.mentoringSessions, s.revenuePerOrganization, s.wonDealsPerOrganization]),
      );
    case "mentors":
      return toCsv(
        ["mentor", "organization", "mentees", "mentee_points_90_days_before", "mentee_points_90_days_after", "mentee_org_won_deals_6_months_before", "mentee_org_won_deals_6_months_after"],
        data.mentors.map((m) => [m.mentorName, m.organization, m.mentees, m.pointsBefore, m.pointsAfter, m.wonDealsBefore, m.wonDealsAfter]),
      );
  }
}

export async function organizationCsv(db: Kysely<DB>, actor: SessionUser, slug: string, table: OrganizationTable) {
  const data = await organizationDashboard(db, actor, slug);
  switch (table) {
    case "trend":
      return toCsv(["month", "points", "active_members", "accepted_answers", "revenue", "won_deals"], data.trend.map((t) => [t.month, t.points, t.activeMembers, t.acceptedAnswers, t.revenue, t.wonDeals]));
    case "members":
      return toCsv(["member", "handle", "points", "level"], data.members.map((m) => [m.display_name, m.handle, m.points, m.level]));
    case "mentorships":
      return toCsv(["mentor", "mentee", "status", "started_at"], data.mentors.map((m) => [m.mentor, m.mentee, m.status, m.startedAt]));
    case "mentors":
      return toCsv(
        ["mentor", "organization", "mentees", "mentee_points_90_days_before", "mentee_points_90_days_after", "mentee_org_won_deals_6_months_before", "mentee_org_won_deals_6_months_after"],
        data.impact.map((m) => [m.mentorName, m.organization, m.mentees, m.pointsBefore, m.pointsAfter, m.wonDealsBefore, m.wonDealsAfter]),
      );
  }
}
