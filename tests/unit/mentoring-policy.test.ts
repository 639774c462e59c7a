import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { can, type MentorshipRef } from "../../app/domain/policy.server";

const person = (id: string, overrides: Partial<SessionUser> = {}): SessionUser => ({
  id,
  email: `${id}@example.test`,
  handle: id,
  displayName: id,
  role: "member",
  organizationId: 1,
  isVendorStaff: false,
  suspendedUntil: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...overrides,
});

const mentor = person("mentor");
const mentee = person("mentee");
const stranger = person("stranger");
const admin = person("admin", { role: "admin" });
const moderator = person("moderator", { role: "moderator" });
const pair = (status: MentorshipRef["status"]): MentorshipRef => ({ mentorId: "mentor", menteeId: "mentee", status });

describe("mentoring permissions", () => {
  it("only the two people and admins see a mentorship; moderators and strangers do not", () => {
    for (const viewer of [mentor, mentee, admin]) expect(can(viewer, "mentoring.view", pair("active"))).toBe(true);
    for (const viewer of [stranger, moderator, null]) expect(can(viewer, "mentoring.view", pair("active"))).toBe(false);
  });

  it("only the mentor answers, and only while the request is open", () => {
    expect(can(mentor, "mentoring.respond", pair("requested"))).toBe(true);
    expect(can(mentee, "mentoring.respond", pair("requested"))).toBe(false);
    expect(can(admin, "mentoring.respond", pair("requested"))).toBe(false);
    expect(can(mentor, "mentoring.respond", pair("expired"))).toBe(false);
  });

  it("the two write in the space while it is active; admins read only", () => {
    expect(can(mentor, "mentoring.participate", pair("active"))).toBe(true);
    expect(can(mentee, "mentoring.participate", pair("active"))).toBe(true);
    expect(can(admin, "mentoring.participate", pair("active"))).toBe(false);
    expect(can(mentee, "mentoring.participate", pair("ended"))).toBe(false);
  });

  it("feedback only after the end, by the two", () => {
    expect(can(mentee, "mentoring.feedback", pair("ended"))).toBe(true);
    expect(can(mentee, "mentoring.feedback", pair("active"))).toBe(false);
    expect(can(stranger, "mentoring.feedback", pair("ended"))).toBe(false);
  });

  it("nobody asks themselves, and a suspended person asks nobody", () => {
    expect(can(mentee, "mentoring.request", { mentorId: "mentor" })).toBe(true);
    expect(can(mentor, "mentoring.request", { mentorId: "mentor" })).toBe(false);
    const suspended = person("s", { suspendedUntil: new Date(Date.now() + 3600_000) });
    expect(can(suspended, "mentoring.request", { mentorId: "mentor" })).toBe(false);
    expect(can(suspended, "mentoring.participate", { mentorId: "s", menteeId: "x", status: "active" })).toBe(false);
  });

  it("only admins administer the programme", () => {
    expect(can(admin, "mentoring.administer")).toBe(true);
    expect(can(moderator, "mentoring.administer")).toBe(false);
  });
});
