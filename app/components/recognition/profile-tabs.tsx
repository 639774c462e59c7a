/** Tabs between a person's profile and their recognition (two routes, one header). */
export function ProfileTabs({ handle, current }: { handle: string; current: "profile" | "recognition" }) {
  return (
    <nav aria-label="Profile sections">
      <ul className="tabs">
        <li>
          <a href={`/u/${handle}`} aria-current={current === "profile" ? "page" : undefined}>
            Profile
          </a>
        </li>
        <li>
          <a href={`/u/${handle}/recognition`} aria-current={current === "recognition" ? "page" : undefined}>
            Recognition
          </a>
        </li>
      </ul>
    </nav>
  );
}
