import type { Kysely } from "kysely";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { acceptAnswer } from "../../../app/domain/forum/answers.server";
import { reply } from "../../../app/domain/forum/posts.server";
import { toggleReaction } from "../../../app/domain/forum/reactions.server";
import type { RenderMarkdown } from "../../../app/domain/forum/rendering";
import { createThread } from "../../../app/domain/forum/threads.server";
import type { DB } from "../../schema";
import type { ForumAction, PlannedPost } from "./plan";
import type { CategoryKey } from "./structure";

/** What earlier actions created that later ones refer to. */
export interface ForumRun {
  db: Kysely<DB>;
  render: RenderMarkdown;
  people: Map<string, SessionUser>;
  categoryIds: Map<CategoryKey, number>;
  threadIds: Map<string, string>;
  /** `thread#index` to the post's id and author. */
  posts: Map<string, { id: string; author: SessionUser }>;
}

/** Each action calls the domain function the live forum calls, dated when the plan says it happened. */
export async function runAction(run: ForumRun, action: ForumAction): Promise<void> {
  const { db, render } = run;
  switch (action.kind) {
    case "thread": {
      const author = personOf(run, action.post.author);
      const { thread } = action;
      const categoryId = run.categoryIds.get(thread.category);
      if (categoryId === undefined) throw new Error(`forum seed: unknown category ${thread.category}`);
      const created = await createThread(db, {
        actor: author,
        thread: { title: thread.title, categoryId, tags: thread.tags, body: bodyOf(run, action.post) },
        render,
        at: action.at,
      });
      run.threadIds.set(thread.key, created.threadId);
      run.posts.set(`${thread.key}#0`, { id: created.postId, author });
      return;
    }
    case "reply": {
      const { post } = action;
      const author = personOf(run, post.author);
      const created = await reply(db, {
        actor: author,
        threadId: threadIdOf(run, post.thread),
        body: bodyOf(run, post),
        replyToPostId: post.to === undefined ? undefined : postOf(run, post.thread, post.to).id,
        render,
        at: action.at,
      });
      run.posts.set(`${post.thread}#${post.index}`, { id: created.postId, author });
      return;
    }
    case "accept":
      await acceptAnswer(db, {
        actor: postOf(run, action.thread, 0).author,
        postId: postOf(run, action.thread, action.post).id,
        at: action.at,
      });
      return;
    case "react":
      await toggleReaction(db, {
        actor: personOf(run, action.by),
        postId: postOf(run, action.thread, action.post).id,
        kind: action.reaction,
        want: "on",
        at: action.at,
      });
      return;
  }
}

/** The Markdown as the author would have typed it: real @handles, thread links and the Quote button's markup. */
function bodyOf(run: ForumRun, post: PlannedPost): string {
  const resolve = (text: string) =>
    text
      .replace(/@\{([^}]+)\}/g, (_, email: string) => `@${personOf(run, email).handle}`)
      .replace(/\{thread:([a-z0-9-]+)\}/g, (_, key: string) => `/t/${threadIdOf(run, key)}`);
  const body = resolve(post.body);
  if (!post.quote) return body;
  const quoted = postOf(run, post.thread, post.quote.post);
  const excerpt = resolve(post.quote.text).split("\n").map((line) => `> ${line}`.trimEnd());
  return [`> [!quote post=${quoted.id} author=${quoted.author.handle}]`, ...excerpt, "", body].join("\n");
}

function personOf(run: ForumRun, email: string): SessionUser {
  const person = run.people.get(email);
  if (!person) throw new Error(`forum seed: nobody with the email ${email} was seeded`);
  return person;
}

function threadIdOf(run: ForumRun, key: string): string {
  const id = run.threadIds.get(key);
  if (!id) throw new Error(`forum seed: thread ${key} does not exist yet`);
  return id;
}

function postOf(run: ForumRun, thread: string, index: number) {
  const post = run.posts.get(`${thread}#${index}`);
  if (!post) throw new Error(`forum seed: post ${index} of ${thread} does not exist yet`);
  return post;
}
