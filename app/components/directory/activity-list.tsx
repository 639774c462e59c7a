import type { ActivityItem } from "../../domain/directory/activity.server";
import { RelativeTime } from "../time";

type Item = Omit<ActivityItem, "created_at"> & { created_at: string | Date };

export function ActivityList({ items, empty, showAuthor = true }: { items: Item[]; empty: string; showAuthor?: boolean }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="stack-tight activity-list">
      {items.map((item) => (
        <li key={item.post_id}>
          {showAuthor ? (
            <>
              <a href={`/u/${item.author_handle}`}>{item.author_name}</a>{" "}
            </>
          ) : null}
          {item.post_number === 1 ? "started " : "replied in "}
          <a href={`/p/${item.post_id}`}>{item.thread_title}</a> <span className="muted">in {item.category_name} · </span>
          <RelativeTime date={item.created_at} />
        </li>
      ))}
    </ul>
  );
}
