import { NavLink } from "@remix-run/react";

/** Links between the admin pages. */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="tabs cluster">
      <NavLink to="/admin/users">People and roles</NavLink>
      <NavLink to="/admin/categories">Categories</NavLink>
      <NavLink to="/admin/settings">Moderation settings</NavLink>
      <NavLink to="/admin/health">Health</NavLink>
      <NavLink to="/admin/mail">Mail</NavLink>
      <NavLink to="/mod/audit">Audit log</NavLink>
      <NavLink to="/admin/api-keys">API keys</NavLink>
    </nav>
  );
}
