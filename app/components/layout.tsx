import { Form, NavLink } from "@remix-run/react";
import { Avatar } from "./avatar";
import type { Role } from "../../db/schema";
import { NotificationBell, type NotificationCounter } from "./follow/notification-bell";
import { MessagesLink, type MessagesCounter } from "./directory/messages-link";
import { HeaderScore, type HeaderRecognition } from "./recognition/header-score";
import { RecognitionToasts } from "./recognition/recognition-toasts";

export interface HeaderUser {
  id: string;
  displayName: string;
  handle: string;
  role: Role;
  organizationId: number | null;
  avatarId: string | null;
  /** Member of a council now, or an admin: only they see the Councils link. */
  councils?: boolean;
  /** A page rendered for an audience (decision 043): nobody's name or profile until it personalizes. */
  shared?: boolean;
}

export function SiteHeader({
  user,
  notifications = null,
  messages = null,
  reviewCount = null,
  recognition = null,
  signUpOpen = true,
}: {
  user: HeaderUser | null;
  /** False when local passwords are off (SSO only): sign-up is then the provider's business. */
  signUpOpen?: boolean;
  notifications?: NotificationCounter | null;
  messages?: MessagesCounter | null;
  /** Open review items; null for people who are not moderators (no link at all). */
  reviewCount?: number | null;
  recognition?: HeaderRecognition | null;
}) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <a href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            PC
          </span>
          <span>Partner Community</span>
        </a>
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/forum">Forum</NavLink>
            </li>
            <li>
              {/* One entry for people and partners: the searchable directory when signed in, the public partner list otherwise. */}
              <NavLink to={user ? "/directory" : "/orgs"}>Directory</NavLink>
            </li>
            {user ? <li><NavLink to="/mentoring">Mentoring</NavLink></li> : null}
            <li>
              <NavLink to="/search">Search</NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to="/messages">Messages</NavLink>
              </li>
            ) : null}
            {user?.councils ? (
              <li>
                <NavLink to="/councils">Councils</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/leaderboard">Leaderboard</NavLink>
            </li>
            {user?.role === "admin" ? (
              <li>
                <NavLink to="/admin/users">Admin</NavLink>
              </li>
            ) : null}
            {user && reviewCount !== null ? (
              <li>
                <NavLink to="/mod/queue">
                  Review
                  {reviewCount > 0 ? (
                    <span className="review-count">
                      {reviewCount}
                      <span className="visually-hidden"> waiting</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="account cluster">
          {user && recognition ? <HeaderScore key={user.id} handle={user.handle} recognition={recognition} /> : null}
          {user && notifications ? <NotificationBell counter={notifications} /> : null}
          {user && messages ? <MessagesLink counter={messages} /> : null}
          {user ? <RecognitionToasts /> : null}
          {user ? (
            <details className="menu">
              <summary>
                <Avatar user={user} />
                <span className="menu-label">{user.displayName}</span>
              </summary>
              <ul className="menu-items">
                {user.shared ? null : (
                  <li>
                    <a href={`/u/${user.handle}`}>Your profile</a>
                  </li>
                )}
                <li>
                  <a href="/settings/profile">Edit profile</a>
                </li>
                <li>
                  <a href="/settings/avatar">Profile picture</a>
                </li>
                <li>
                  <a href="/bookmarks">Bookmarks</a>
                </li>
                <li>
                  <a href="/following">Following</a>
                </li>
                <li>
                  <a href="/settings/notifications">Notification settings</a>
                </li>
                <li>
                  <a href="/settings/email-notifications">Email notifications</a>
                </li>
                <li>
                  <a href="/settings/security">Account and security</a>
                </li>
                <li>
                  <a href="/settings/account">Your data</a>
                </li>
                <li>
                  <a href="/settings/muted">Muted people</a>
                </li>
                {user.role === "partner_admin" || user.role === "admin" ? (
                  <li>
                    <a href="/my-organization">Manage organization</a>
                  </li>
                ) : null}
                {user.role === "partner_admin" || user.role === "admin" ? (
                  <li>
                    <a href="/analytics">Program analytics</a>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      Log out
                    </button>
                  </Form>
                </li>
              </ul>
            </details>
          ) : (
            <div className="cluster">
              <a href="/login" className="button button-quiet">
                Log in
              </a>
              {signUpOpen ? (
                <a href="/signup" className="button">
                  Sign up
                </a>
              ) : null}
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>Partner Community: where partners ask, answer, mentor and get recognized.</p>
      <nav aria-label="Footer">
        <ul className="cluster">
          <li>
            <a href="/orgs">Partner directory</a>
          </li>
          <li>
            <a href="/healthz">Status</a>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
