import { z } from "zod";

/**
 * The directory's query string, parsed once: the same URL always shows the same results, so a
 * search can be shared, bookmarked and submitted by a plain GET form without JavaScript.
 */
export const directoryTabs = ["people", "organizations"] as const;
export type DirectoryTab = (typeof directoryTabs)[number];

export const facetKeys = ["region", "tier", "specialization", "certification", "expertise", "language", "segment", "mentor"] as const;
export type FacetKey = (typeof facetKeys)[number];

export const facetLabels: Record<FacetKey, string> = {
  region: "Region",
  tier: "Partner tier",
  specialization: "Specialization",
  certification: "Certification",
  expertise: "Expertise",
  language: "Language",
  segment: "Community-sector segment",
  mentor: "Mentoring",
};

export const sortKeys = ["relevance", "contribution", "name"] as const;
export type SortKey = (typeof sortKeys)[number];

export const PAGE_SIZE = 20;
const MAX_VALUES_PER_FACET = 20;

export interface DirectoryQuery {
  tab: DirectoryTab;
  text: string;
  sort: SortKey;
  page: number;
  filters: Partial<Record<FacetKey, string[]>>;
}

const textValue = z.string().trim().min(1).max(100);

export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const tab = directoryTabs.find((t) => t === params.get("tab")) ?? "people";
  const sort = sortKeys.find((s) => s === params.get("sort")) ?? "relevance";
  const page = Math.min(500, Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const filters: DirectoryQuery["filters"] = {};
  for (const key of facetKeys) {
    const values = [...new Set(params.getAll(key).flatMap((v) => (textValue.safeParse(v).success ? [v.trim()] : [])))];
    if (values.length > 0) filters[key] = values.slice(0, MAX_VALUES_PER_FACET);
  }
  return { tab, text: (params.get("q") ?? "").trim().slice(0, 200), sort, page, filters };
}

/** The query string for a query, with one change: links for tabs, pages and sorting. */
export function directoryHref(query: DirectoryQuery, change: Partial<Omit<DirectoryQuery, "filters">> = {}) {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.tab !== "people") params.set("tab", next.tab);
  if (next.text) params.set("q", next.text);
  for (const key of facetKeys) for (const value of next.filters[key] ?? []) params.append(key, value);
  if (next.sort !== "relevance") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return `/directory${search ? `?${search}` : ""}`;
}

/**
 * The words of a free-text search, lowercased: only letters and digits pass, so no user input
 * reaches tsquery syntax. Each word matches as a prefix ("lind ana" finds "Lindqvist, analytics").
 */
export function searchWords(text: string) {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}
