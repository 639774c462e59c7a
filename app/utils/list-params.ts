import type { ThreadListOptions } from "../domain/forum/queries.server";

/** Thread-list filters from the query string; anything unexpected is ignored, not an error. */
export function listOptionsFrom(url: URL): ThreadListOptions {
  const params = url.searchParams;
  const page = Number(params.get("page") ?? "1");
  const status = params.get("status");
  const period = params.get("period");
  return {
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
    status: status === "solved" || status === "unanswered" ? status : undefined,
    period: period === "week" || period === "month" || period === "year" ? period : undefined,
    tag: params.get("tag")?.slice(0, 40) || undefined,
  };
}
