export function ForumTabs({ current }: { current: "categories" | "latest" | "new" | "top" | "unread" }) {
  const tabs = [
    ["categories", "/forum", "Categories"],
    ["latest", "/latest", "Latest"],
    ["new", "/new", "New"],
    ["top", "/top", "Top"],
    ["unread", "/unread", "Unread"],
  ] as const;
  return (
    <nav aria-label="Forum views">
      <ul className="tabs">
        {tabs.map(([key, href, label]) => (
          <li key={key}>
            <a href={href} aria-current={current === key ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
