import { useSyncExternalStore } from "react";
import type { ReaderPartsResponse } from "../../routes/api.thread-reader.$id";

/**
 * The reader's own parts of a page rendered for their audience (decision 044), fetched once after
 * hydration. Kept outside React because two places read them: the thread page and the site
 * header (in the root layout, above every route). Later reads of the page's data are the
 * reader's own already, and replace these.
 */
let current: ReaderPartsResponse | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Null when the reader cannot be told apart from the page (signed out since, or gone): read the page whole. */
export async function loadReaderParts(threadId: string, page: number): Promise<ReaderPartsResponse | null> {
  try {
    const response = await fetch(`/api/thread-reader/${encodeURIComponent(threadId)}?page=${page}`, { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    current = (await response.json()) as ReaderPartsResponse;
  } catch {
    return null;
  }
  for (const listener of listeners) listener();
  return current;
}

export function useReaderParts(): ReaderPartsResponse | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

type Reactions = Partial<Record<string, { count: number; mine: boolean }>>;

interface AudiencePage {
  thread: { id: string };
  page: number;
  posts: { id: string; author_muted: boolean; reactions: Reactions; permissions: unknown }[];
  canReply: boolean;
  follow: { level: string; levelSource: string; bookmarks: Record<string, unknown>; dividerBefore: number | null };
  viewerId: string | null;
}

/**
 * The audience's page with the reader's parts laid over it, or null when the parts are of another
 * page, or the reader's page has other posts than the audience's (their own hidden posts).
 */
export function withReaderParts<Page extends AudiencePage>(page: Page, parts: ReaderPartsResponse | null): Page | null {
  if (!parts || parts.threadId !== page.thread.id || parts.page !== page.page) return null;
  if (parts.postIds.length !== page.posts.length || parts.postIds.some((id, i) => id !== page.posts[i]!.id)) return null;
  return {
    ...page,
    canReply: parts.canReply,
    follow: { ...page.follow, ...parts.follow },
    viewerId: parts.viewerId,
    posts: page.posts.map((post) => {
      const own = parts.posts[post.id]!;
      const reactions: Reactions = {};
      for (const [kind, reaction] of Object.entries(post.reactions)) if (reaction) reactions[kind] = { count: reaction.count, mine: own.myReactions.includes(kind) };
      // Reacted since the audience's page was rendered: count the reader's own at least.
      for (const kind of own.myReactions) reactions[kind] ??= { count: 1, mine: true };
      return { ...post, author_muted: own.authorMuted, permissions: own.permissions, reactions };
    }),
  };
}
