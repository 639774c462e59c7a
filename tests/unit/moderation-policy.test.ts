import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { can, type CategoryRef, type PostRef } from "../../app/domain/policy.server";

const person = (overrides: Partial<SessionUser> = {}): SessionUser => ({
  id: "u1",
  email: "u1@example.test",
  handle: "u1",
  displayName: "U One",
  role: "member",
  organizationId: 7,
  isVendorStaff: false,
  suspendedUntil: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...overrides,
});
const member = person();
const moderator = person({ id: "m1", role: "moderator" });
const admin = person({ id: "a1", role: "admin" });
const open: CategoryRef = { id: 1, visibility: "public", councilId: null };
const council: CategoryRef = { id: 2, visibility: "council", councilId: "c1" };
const postBy = (authorId: string): PostRef => ({
  id: "p1",
  authorId,
  hiddenAt: null,
  deletedAt: null,
  thread: { id: "t1", authorId, category: open, lockedAt: null, hiddenAt: null, deletedAt: null },
});

describe("moderation policy", () => {
  it("opens the moderation pages and the moderators room to staff only", () => {
    expect(can(member, "moderation.access")).toBe(false);
    expect(can(moderator, "moderation.access")).toBe(true);
    expect(can(member, "realtime.joinRoom", { room: "moderators" })).toBe(false);
    expect(can(moderator, "realtime.joinRoom", { room: "moderators" })).toBe(true);
  });

  it("shows council content in the queue and audit log to admins only (until council chairs arrive)", () => {
    expect(can(moderator, "moderation.viewContent", open)).toBe(true);
    expect(can(moderator, "moderation.viewContent", council)).toBe(false);
    expect(can(admin, "moderation.viewContent", council)).toBe(true);
  });

  it("lets only admins move across the council boundary", () => {
    expect(can(moderator, "moderation.moveThread", { from: open, to: { ...open, id: 3 } })).toBe(true);
    expect(can(moderator, "moderation.moveThread", { from: open, to: council })).toBe(false);
    expect(can(admin, "moderation.moveThread", { from: council, to: open })).toBe(true);
  });

  it("flags: others' posts only, not while suspended", () => {
    expect(can(member, "moderation.flag", postBy("someone"))).toBe(true);
    expect(can(member, "moderation.flag", postBy(member.id))).toBe(false);
    expect(can(person({ suspendedUntil: new Date(Date.now() + 86_400_000) }), "moderation.flag", postBy("someone"))).toBe(false);
  });

  it("awards and restrictions: never oneself; moderators restrict members, admins anyone else", () => {
    expect(can(moderator, "moderation.award", { recipientId: moderator.id })).toBe(false);
    expect(can(moderator, "moderation.award", { recipientId: member.id })).toBe(true);
    expect(can(member, "moderation.award", { recipientId: "u2" })).toBe(false);
    expect(can(moderator, "moderation.restrictUser", { id: member.id, role: "member" })).toBe(true);
    expect(can(moderator, "moderation.restrictUser", { id: "m2", role: "moderator" })).toBe(false);
    expect(can(admin, "moderation.restrictUser", { id: "m2", role: "moderator" })).toBe(true);
    expect(can(admin, "moderation.restrictUser", { id: admin.id, role: "admin" })).toBe(false);
  });
});
