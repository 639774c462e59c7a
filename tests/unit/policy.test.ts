import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { authorize, can } from "../../app/domain/policy.server";
import type { DomainError } from "../../app/domain/errors";

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

describe("policy", () => {
  it("denies every permission to a visitor who is not signed in", () => {
    expect(can(null, "admin.access")).toBe(false);
    expect(can(null, "profile.edit", { id: "u1" })).toBe(false);
    expect(can(null, "realtime.joinRoom", { room: "user:u1" })).toBe(false);
  });

  it("lets a partner admin manage only their own organization", () => {
    const partnerAdmin = person({ role: "partner_admin", organizationId: 7 });
    expect(can(partnerAdmin, "organization.manage", { id: 7 })).toBe(true);
    expect(can(partnerAdmin, "organization.manage", { id: 8 })).toBe(false);
    expect(can(person({ role: "moderator" }), "organization.manage", { id: 7 })).toBe(false);
    expect(can(person({ role: "admin", organizationId: null }), "organization.manage", { id: 8 })).toBe(true);
  });

  it("lets admins change others' roles but never their own", () => {
    const admin = person({ role: "admin", id: "a1" });
    expect(can(admin, "user.changeRole", { id: "u2" })).toBe(true);
    expect(can(admin, "user.changeRole", { id: "a1" })).toBe(false);
    expect(can(person({ role: "moderator" }), "user.changeRole", { id: "u2" })).toBe(false);
  });

  it("lets people edit their own profile, admins anyone's", () => {
    expect(can(person(), "profile.edit", { id: "u1" })).toBe(true);
    expect(can(person(), "profile.edit", { id: "u2" })).toBe(false);
    expect(can(person({ role: "admin" }), "profile.edit", { id: "u2" })).toBe(true);
  });

  it("gives recognition only to people an organization vouches for", () => {
    expect(can(person({ organizationId: null }), "recognition.earn")).toBe(false);
    expect(can(person(), "recognition.earn")).toBe(true);
    expect(can(person({ organizationId: null, isVendorStaff: true }), "recognition.earn")).toBe(false);
  });

  it("stops a suspended person from posting until the suspension ends", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const suspended = person({ suspendedUntil: new Date("2026-11-24T00:00:00Z") });
    expect(can(suspended, "content.post", undefined, now)).toBe(false);
    expect(can(suspended, "content.post", undefined, new Date("2026-11-25T00:00:00Z"))).toBe(true);
  });

  it("allows only one's own user room and one's own organization's room", () => {
    const member = person();
    expect(can(member, "realtime.joinRoom", { room: "user:u1" })).toBe(true);
    expect(can(member, "realtime.joinRoom", { room: "user:u2" })).toBe(false);
    expect(can(member, "realtime.joinRoom", { room: "org:7" })).toBe(true);
    expect(can(member, "realtime.joinRoom", { room: "org:8" })).toBe(false);
    expect(can(member, "realtime.joinRoom", { room: "council:x" })).toBe(false);
  });

  it("answers 404 instead of 403 when asked to hide what exists", () => {
    const hidden = (() => {
      try {
        authorize(person(), "admin.access", undefined, { hide: true });
      } catch (error) {
        return error as DomainError;
      }
    })();
    expect(hidden?.status).toBe(404);
    expect(() => authorize(person(), "admin.access", undefined)).toThrow("You are not allowed");
  });
});
