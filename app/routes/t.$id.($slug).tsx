import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { PostArticle, type PostView } from "../components/post";
import { MutedFold } from "../components/account-data/muted-fold";
import { FormAlert } from "../components/forms";
import { acceptAnswer, unacceptAnswer } from "../domain/forum/answers.server";
import { deletePost, reply } from "../domain/forum/posts.server";
import { getThreadPage } from "../domain/forum/queries.server";
import { authorStandings } from "../domain/recognition/author-standing.server";
import { toggleReaction } from "../domain/forum/reactions.server";
import { reactionKinds, replySchema } from "../domain/forum/validation";
import { can, type PostRef, type ThreadRef } from "../domain/policy.server";
import { postPermissions } from "../domain/forum/thread-reader.server";
import { useRevalidateSoon } from "../realtime/useLiveRevalidate";
import { useSocketEvents } from "../realtime/useSocket";
import { parseForm } from "../utils/forms";
import { asHttpError, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";
import { quoteMarkdown } from "../utils/quote";
import { resolveForViewer } from "../domain/forum/references.server";
import { threadFollowState } from "../domain/follow/thread-state.server";
import { markThreadRead } from "../domain/follow/reads.server";
import { BookmarkButton, ThreadFollowControls } from "../components/follow/follow-controls";
import { dividerBeforePost, UnreadDivider } from "../components/follow/unread";
import { useServerDraft } from "../components/follow/use-server-draft";
import { replyDraftKey } from "../domain/follow/draft-keys";
import { MentionAutocomplete } from "../components/mention-autocomplete";
import { UploadButton } from "../components/upload-button";
import { flaggedByViewer } from "../domain/moderation/flags.server";
import { DomainError } from "../domain/errors";
import { loadReaderParts, useReaderParts, withReaderParts } from "../components/forum/reader-parts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.title ?? "Thread"} · Partner Community` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("page") ?? "1");
  const pageNumber = Number.isInteger(requested) ? requested : 1;
  const shared = context.sharedRender;
  let actor = context.user;
  const read = () => getThreadPage(context.db, actor, params.id ?? "", pageNumber);
  const { thread, posts, page, pages } = await read()
    .catch((error: unknown) => {
      // Hidden from the audience, not from this viewer (their own hidden thread): their page alone.
      if (!shared || !(error instanceof DomainError) || error.status !== 404) throw error;
      shared.personal = true;
      actor = shared.viewer;
      return read();
    })
    .catch(asHttpError);
  // A page for an audience holds nobody's marks, bookmarks or flags, and moves nobody's read marker.
  const forAudience = Boolean(shared && !shared.personal);
  const reader = forAudience ? null : actor;
  const threadRef: ThreadRef = {
    id: thread.id,
    authorId: thread.author_id,
    lockedAt: thread.locked_at,
    hiddenAt: thread.hidden_at,
    deletedAt: thread.deleted_at,
    category: { id: thread.category_id, visibility: thread.category_visibility, councilId: thread.category_council_id },
  };
  const [resolved, follow, standings, flagged] = await Promise.all([
    resolveForViewer(context.db, actor, posts.map((post) => post.body_html)),
    threadFollowState(context.db, reader, thread.id, { postIds: posts.map((post) => post.id) }),
    authorStandings(context.db, posts.map((post) => post.author_id)),
    reader ? flaggedByViewer(context.db, reader.id, posts.map((post) => post.id)) : new Set<string>(),
  ]);
  // After reading the state: the divider shows what was new before this visit. Rereading a page
  // writes nothing: the upsert would still lock the reader's row, and every reload would queue on it.
  const lastOnPage = posts.at(-1)?.post_number ?? 0;
  if (reader && lastOnPage > follow.lastReadPostNumber) await markThreadRead(context.db, reader, thread.id, lastOnPage);
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      slug: thread.slug,
      acceptedPostId: thread.accepted_post_id,
      locked: Boolean(thread.locked_at),
      pinned: Boolean(thread.pinned_at),
      category: { name: thread.category_name, slug: thread.category_slug },
      tags: thread.tags,
      replyCount: thread.reply_count,
    },
    posts: posts.map((post, index) => {
      const postRef: PostRef = { id: post.id, authorId: post.author_id, hiddenAt: post.hidden_at, deletedAt: post.deleted_at, thread: threadRef };
      return {
        ...post,
        body_html: resolved[index]!,
        standing: standings[post.author_id],
        permissions: postPermissions(actor, postRef, flagged.has(post.id)),
      };
    }),
    page,
    pages,
    canReply: can(actor, "forum.reply", threadRef),
    follow: {
      level: follow.level,
      levelSource: follow.levelSource,
      bookmarks: follow.bookmarks,
      dividerBefore: reader ? dividerBeforePost(follow.lastReadPostNumber, posts.map((post) => post.post_number)) : null,
    },
    signedIn: Boolean(actor),
    viewerId: reader?.id ?? null,
    /** Rendered for the reader's audience: the browser fetches the reader's own parts (decision 044). */
    forAudience,
  };
}

const intentSchema = z.object({
  intent: z.string(),
  postId: z.string().max(40).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const { intent, postId = "" } = intentSchema.parse(Object.fromEntries(formData));
  const threadId = params.id ?? "";
  try {
    if (intent === "reply") {
      const form = parseForm(replySchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const created = await reply(context.db, { actor: user, threadId, ...form.data, render: context.renderMarkdown });
      const target = `/t/${threadId}/${params.slug ?? ""}?page=${created.page}#post-${created.postNumber}`;
      // Without JavaScript the browser follows the redirect; with it, the fetcher gets data back.
      if (formData.get("js") !== "1") throw redirect(target);
      return data({ posted: created });
    }
    if (intent.startsWith("react:")) {
      const kind = intent.slice("react:".length);
      if (!reactionKinds.includes(kind as (typeof reactionKinds)[number])) return invalid({ form: "Unknown reaction." }, {});
      return data({ reaction: await toggleReaction(context.db, { actor: user, postId, kind: kind as (typeof reactionKinds)[number] }) });
    }
    if (intent === "accept") return data({ accepted: await acceptAnswer(context.db, { actor: user, postId }) });
    if (intent === "unaccept") return data({ unaccepted: await unacceptAnswer(context.db, { actor: user, threadId }) });
    if (intent === "delete") return data({ deleted: await deletePost(context.db, { actor: user, postId }) });
    return invalid({ form: "Unknown action." }, {});
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(error, intent === "reply" ? { body: String(formData.get("body") ?? "") } : {});
  }
}

export default function ThreadPage() {
  const loaded = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const parts = useReaderParts();
  useEffect(() => {
    if (!loaded.forAudience) return;
    // Rendered for the reader's audience: fetch their own parts, or read the page whole if they do not fit.
    void loadReaderParts(loaded.thread.id, loaded.page).then((fetched) => {
      if (!withReaderParts(loaded, fetched)) revalidator.revalidate();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.forAudience, loaded.thread.id, loaded.page]);
  const { thread, posts, page, pages, canReply, signedIn, viewerId, follow } = (loaded.forAudience && withReaderParts(loaded, parts)) || loaded;
  const revalidateSoon = useRevalidateSoon();
  const [newReplies, setNewReplies] = useState(0);
  const composer = useRef<HTMLTextAreaElement>(null);

  useSocketEvents(
    {
      "thread:changed": (change) => {
        if (change.threadId !== thread.id) return;
        revalidateSoon();
        if (change.change === "reply" && change.authorId !== viewerId && !nearBottom()) setNewReplies((n) => n + 1);
      },
    },
    { room: `thread:${thread.id}` },
  );

  const quote = (post: PostView) => {
    const text = composer.current;
    if (!text) return;
    const source = text.value ? `${text.value}\n\n` : "";
    text.value = `${source}${quoteMarkdown(post)}\n\n`;
    text.focus();
  };

  return (
    <article className="stack thread">
      <nav aria-label="Breadcrumb">
        <a href="/forum">Forum</a> › <a href={`/c/${thread.category.slug}`}>{thread.category.name}</a>
      </nav>
      <header className="stack-tight">
        <h1>{thread.title}</h1>
        <p className="cluster">
          {thread.acceptedPostId ? <span className="badge badge-solved">Solved</span> : null}
          {thread.locked ? <span className="badge">Locked</span> : null}
          {thread.tags.map((tag) => (
            <a key={tag.slug} className="tag" href={`/c/${thread.category.slug}?tag=${encodeURIComponent(tag.slug)}`}>
              #{tag.name}
            </a>
          ))}
        </p>
      </header>
      {signedIn ? <ThreadFollowControls threadId={thread.id} level={follow.level} levelSource={follow.levelSource} /> : null}
      {thread.acceptedPostId && page === 1 ? (
        <p className="alert alert-success">
          This question has an accepted answer. <a href={`/p/${thread.acceptedPostId}`}>Jump to the answer</a>
        </p>
      ) : null}
      <div className="stack posts">
        {posts.map((post) => (
          <div key={post.id} className="stack-tight">
            {follow.dividerBefore === post.post_number ? <UnreadDivider /> : null}
            <MutedFold muted={post.author_muted}>
              <PostArticle
                post={post}
                accepted={post.id === thread.acceptedPostId}
                permissions={post.permissions}
                onQuote={quote}
                standing={post.standing}
                extraTools={signedIn ? <BookmarkButton postId={post.id} bookmark={follow.bookmarks[post.id]} /> : null}
              />
            </MutedFold>
          </div>
        ))}
      </div>
      {pages > 1 ? (
        <nav aria-label="Thread pages" className="cluster">
          {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
            <a key={n} href={`/t/${thread.id}/${thread.slug}?page=${n}`} aria-current={n === page ? "page" : undefined}>
              {n}
            </a>
          ))}
        </nav>
      ) : null}
      {newReplies > 0 ? (
        <button
          type="button"
          className="new-replies-pill"
          onClick={() => {
            setNewReplies(0);
            document.getElementById("reply-heading")?.scrollIntoView({ behavior: "smooth" });
          }}
        >
          {newReplies} new {newReplies === 1 ? "reply" : "replies"}
        </button>
      ) : null}
      {canReply ? (
        <ReplyForm composer={composer} threadId={thread.id} />
      ) : thread.locked ? (
        <p className="alert alert-info">This thread is locked: no new replies.</p>
      ) : !signedIn ? (
        <p>
          <a href={`/login?redirectTo=/t/${thread.id}/${thread.slug}`}>Log in to reply</a>
        </p>
      ) : null}
    </article>
  );
}

function ReplyForm({ composer, threadId }: { composer: React.RefObject<HTMLTextAreaElement>; threadId: string }) {
  const fetcher = useFetcher<ActionFailure | { posted: unknown }>();
  const noScriptFailure = useActionData<ActionFailure>();
  const failure = (fetcher.data && "errors" in fetcher.data ? fetcher.data : undefined) ?? noScriptFailure;
  const navigation = useNavigation();
  const submitting = fetcher.state !== "idle" || navigation.state === "submitting";
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const draft = useServerDraft(replyDraftKey(threadId), composer);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && "posted" in fetcher.data && composer.current) composer.current.value = "";
  }, [fetcher.state, fetcher.data, composer]);
  return (
    <section aria-labelledby="reply-heading" className="card stack-tight">
      <h2 id="reply-heading">Your reply</h2>
      <FormAlert message={failure?.errors.form} />
      <fetcher.Form method="post" className="form wide" noValidate>
        <input type="hidden" name="intent" value="reply" />
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <div className="field">
          <label htmlFor="reply-body">Reply (Markdown)</label>
          <textarea
            id="reply-body"
            name="body"
            ref={composer}
            rows={6}
            defaultValue={failure?.values.body}
            aria-invalid={failure?.errors.body ? true : undefined}
            aria-describedby={failure?.errors.body ? "reply-body-error" : undefined}
          />
          {failure?.errors.body ? (
            <p className="field-error" id="reply-body-error">
              {failure.errors.body}
            </p>
          ) : null}
          <MentionAutocomplete textareaId="reply-body" />
          {draft.status === "restored" ? <p className="field-hint">Your unsent draft was restored.</p> : null}
          {draft.status === "saved" ? <p className="field-hint">Draft saved.</p> : null}
        </div>
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Posting…" : "Post reply"}
          </button>
          <UploadButton target={composer} />
        </div>
      </fetcher.Form>
    </section>
  );
}

function nearBottom() {
  return window.innerHeight + window.scrollY >= document.body.scrollHeight - 400;
}

