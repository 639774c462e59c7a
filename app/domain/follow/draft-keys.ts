/**
 * The keys composers save drafts under (validated by drafts.server.ts's draftKey). Shared by the
 * composer in the browser and by the server, which discards a draft when its post is published.
 */
export const NEW_THREAD_DRAFT_KEY = "new-thread";

export const replyDraftKey = (threadId: string) => `reply:${threadId}`;
