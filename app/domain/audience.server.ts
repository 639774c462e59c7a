import type { SessionUser } from "./accounts/auth.server";
import { currentCouncils, isStaff, isSuspended } from "./policy.server";

/**
 * Who may be shown the same rendered page (decision 043). A signed-in thread page is rendered
 * once for everyone whose policy inputs are alike, then each browser fetches its own parts.
 * Two viewers share an audience when every input the policy reads for a page, apart from the
 * viewer's own identity, is the same: the role, vendor staff or not, and each council they may
 * enter now with their role in it (council content and a chair's view of hidden posts).
 * Staff and suspended people never share: staff see hidden content and the 2FA gate applies
 * to them; a suspension changes what the page offers. Their pages are rendered for them alone.
 */
export interface Audience {
  key: string;
  /** Renders the shared page: nobody's own posts, marks, mutes or rights. */
  viewer: SessionUser;
}

/** Never a user id, so every "is this the viewer's own" check is false for the shared render. */
const NOBODY = "";

export function audienceOf(user: SessionUser, now = new Date()): Audience | null {
  if (isStaff(user) || isSuspended(user, now)) return null;
  const councils = currentCouncils(user, now).sort((a, b) => (a.councilId < b.councilId ? -1 : a.councilId > b.councilId ? 1 : 0));
  const key = [user.role, user.isVendorStaff ? "staff" : "partner", ...councils.map((c) => `${c.councilId}:${c.role}`)].join("|");
  return {
    key,
    viewer: {
      id: NOBODY,
      email: "",
      handle: "",
      displayName: "",
      role: user.role,
      organizationId: null,
      isVendorStaff: user.isVendorStaff,
      suspendedUntil: null,
      createdAt: now,
      twoFactorEnabled: user.twoFactorEnabled,
      // Only councils current now are in the key, and each request computes its key from its
      // own session: an entry is never served to someone whose term has ended.
      councils,
    },
  };
}
