import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination, ThreadList, type ThreadListItem } from "./thread-list";
import { ForumTabs } from "./forum-tabs";

/** Latest, New and Top share one page; only the loader's view differs. */
export function ThreadListPage({ view, title }: { view: "latest" | "new" | "top"; title: string }) {
  const { threads, page, hasMore } = useLoaderData<{ threads: ThreadListItem[]; page: number; hasMore: boolean }>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{title}</h1>
      <ForumTabs current={view} />
      {view === "top" ? (
        <nav aria-label="Period" className="cluster">
          {(["week", "month", "year"] as const).map((period) => (
            <a key={period} href={`/top?period=${period}`} aria-current={(params.get("period") ?? "month") === period ? "page" : undefined}>
              This {period}
            </a>
          ))}
        </nav>
      ) : null}
      <ThreadList threads={threads} />
      <Pagination page={page} hasMore={hasMore} base={params} />
    </div>
  );
}
