/**
 * A year of forum and mentoring activity, generated in time order: each post, reaction, accepted
 * answer and mentoring step comes with the outbox event the live code writes for it (same type,
 * payload and actor), so `recognition:rebuild` can replay the history that produced the rows.
 * Later consequences (reactions, accepts, mentoring replies) are planned when their cause
 * happens and fire when the clock reaches them, so a post knows its final reaction count when
 * it is written and the outbox stays in time order.
 */
import type { ReactionKind } from "../../db/schema-parts/forum";
import type { SyntheticEvent } from "../seed";
import { postBody, threadTitle } from "./text";
import type { ForumSeedSize } from "./size";

const DAY = 86_400_000;

export interface PostRow {
  id: string;
  threadId: string;
  /** Written here, not by the trigger: the loader writes posts before their threads, in replica mode. */
  categoryId: number;
  postNumber: number;
  authorId: string;
  source: string;
  html: string;
  rendererVersion: number;
  reactionCount: number;
  createdAt: Date;
}

export interface ReactionRow {
  postId: string;
  userId: string;
  kind: ReactionKind;
  createdAt: Date;
}

export interface ThreadState {
  id: string;
  categoryId: number;
  authorId: string;
  title: string;
  slug: string;
  createdAt: Date;
  posts: number;
  lastPostId: string;
  lastPostedAt: Date;
  acceptedPostId: string | null;
  acceptPlanned: boolean;
}

export interface MentorshipState {
  id: number;
  publicId: string;
  mentorId: string;
  menteeId: string;
  status: "requested" | "declined" | "active" | "ended";
  requestedAt: Date;
  respondedAt: Date | null;
  endedAt: Date | null;
  rating: number | null;
}

export interface Sink {
  post(row: PostRow): void;
  reaction(row: ReactionRow): void;
  event(event: SyntheticEvent): void;
}

export interface Community {
  /** Index 0 is vendor staff (the moderator); the others post. */
  people: string[];
  mentors: string[];
  categories: number[];
}

type Planned = (at: Date) => void;

export function slugOf(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "thread";
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Random text ids shaped like newId()'s (16 base64url characters), but from the seeded generator. */
export function idMaker(next: () => number) {
  return () => {
    let id = "";
    for (let i = 0; i < 16; i++) id += ID_ALPHABET[Math.floor(next() * 64)];
    return id;
  };
}

/**
 * Plans the history; iterating `steps` runs it into the sink, one post per step, so the caller
 * can flush its batches between steps. The threads and mentorships end in their final state
 * (their rows are written last).
 */
export function forumHistory(community: Community, size: ForumSeedSize, options: { next: () => number; from: Date; to: Date }, sink: Sink) {
  const { next } = options;
  const newId = idMaker(next);
  const posters = community.people.slice(1);
  const pickPerson = () => posters[Math.floor(posters.length * next() ** 2.5)]!;
  const span = options.to.getTime() - options.from.getTime();
  const stepsPerDay = (size.posts * DAY) / span;
  const timeOf = (step: number) => new Date(options.from.getTime() + Math.floor((span * step) / size.posts));
  const stepsLater = (days: number) => Math.max(1, Math.round(days * stepsPerDay));

  const planned = new Map<number, Planned[]>();
  const plan = (step: number, action: Planned) => {
    if (step >= size.posts) return false;
    const list = planned.get(step);
    if (list) list.push(action);
    else planned.set(step, [action]);
    return true;
  };

  const threads: ThreadState[] = [];
  const mentorships = planMentorships(community, size, sink, { next, plan, stepsLater, timeOf });

  function* steps() {
    for (let step = 0; step < size.posts; step++) {
      const at = timeOf(step);
      for (const action of planned.get(step) ?? []) action(at);
      planned.delete(step);
      // Exactly size.threads of the steps start a thread, spread evenly through the year.
      const startsThread = step === 0 || Math.floor((step * size.threads) / size.posts) !== Math.floor(((step - 1) * size.threads) / size.posts);
      const author = pickPerson();
      const postId = newId();
      let thread: ThreadState;
      if (startsThread) {
        const title = threadTitle(next);
        const categoryId = community.categories[Math.floor(next() * community.categories.length)]!;
        thread = { id: newId(), categoryId, authorId: author, title, slug: slugOf(title), createdAt: at, posts: 0, lastPostId: postId, lastPostedAt: at, acceptedPostId: null, acceptPlanned: false };
        threads.push(thread);
        sink.event({ type: "forum.thread_created", actorId: author, occurredAt: at, payload: { threadId: thread.id, postId, categoryId, authorId: author } });
      } else {
        thread = threads[threads.length - 1 - Math.floor(Math.min(threads.length, 300) * next() ** 2)]!;
        sink.event({ type: "forum.reply_posted", actorId: author, occurredAt: at, payload: { threadId: thread.id, postId, categoryId: thread.categoryId, authorId: author } });
        if (!thread.acceptPlanned && author !== thread.authorId && next() < 0.12) planAccept(thread, postId, author, step);
      }
      thread.posts++;
      thread.lastPostId = postId;
      thread.lastPostedAt = at;
      const body = postBody(next);
      const reactionCount = planReactions(postId, thread.id, author, step);
      sink.post({ id: postId, threadId: thread.id, categoryId: thread.categoryId, postNumber: thread.posts, authorId: author, source: body.source, html: body.html, rendererVersion: body.rendererVersion, reactionCount, createdAt: at });
      yield step + 1;
    }
  }

  function planReactions(postId: string, threadId: string, authorId: string, step: number) {
    // About half the posts get none; a few get many, as in real forums.
    const wanted = next() < 0.5 ? 0 : Math.floor(-Math.log(1 - next()) * 1.3);
    const reactors = new Set<string>();
    for (let i = 0; i < wanted; i++) {
      const reactorId = pickPerson();
      if (reactorId === authorId || reactors.has(reactorId)) continue;
      const roll = next();
      const kind: ReactionKind = roll < 0.8 ? "like" : roll < 0.92 ? "thanks" : "insightful";
      const later = step + stepsLater(-Math.log(1 - next()) * 1.5);
      const fired = plan(later, (at) => {
        sink.reaction({ postId, userId: reactorId, kind, createdAt: at });
        sink.event({ type: "forum.reaction_added", actorId: reactorId, occurredAt: at, payload: { postId, threadId, reactorId, authorId, kind } });
      });
      if (fired) reactors.add(reactorId);
    }
    return reactors.size;
  }

  function planAccept(thread: ThreadState, postId: string, answerAuthorId: string, step: number) {
    thread.acceptPlanned = plan(step + stepsLater(0.5 + next() * 3), (at) => {
      thread.acceptedPostId = postId;
      sink.event({ type: "forum.answer_accepted", actorId: thread.authorId, occurredAt: at, payload: { threadId: thread.id, postId, categoryId: thread.categoryId, answerAuthorId, askerId: thread.authorId } });
    });
  }

  return { threads, mentorships, steps: steps() };
}

/**
 * Mentorships through the request flow: requested, then accepted (most) or declined; of the
 * accepted, those that reach two months end as completed with the mentee's rating.
 */
function planMentorships(
  community: Community,
  size: ForumSeedSize,
  sink: Sink,
  tools: { next: () => number; plan: (step: number, action: Planned) => boolean; stepsLater: (days: number) => number; timeOf: (step: number) => Date },
) {
  const { next, plan, stepsLater } = tools;
  const mentorships: MentorshipState[] = [];
  const pairs = new Set<string>();
  const people = community.people.slice(1);
  const emit = (type: string, row: MentorshipState, actorId: string | null, at: Date, extra: Record<string, unknown> = {}) =>
    sink.event({ type, actorId, occurredAt: at, payload: { mentorshipId: row.id, mentorId: row.mentorId, menteeId: row.menteeId, ...extra } });
  for (let tries = 0; mentorships.length < size.mentorships && tries < size.mentorships * 5; tries++) {
    const mentorId = community.mentors[Math.floor(next() * community.mentors.length)]!;
    const menteeId = people[Math.floor(next() * people.length)]!;
    if (mentorId === menteeId || pairs.has(`${mentorId} ${menteeId}`)) continue;
    pairs.add(`${mentorId} ${menteeId}`);
    const requestStep = Math.floor(next() * size.posts);
    const row: MentorshipState = { id: mentorships.length + 1, publicId: `bm${(mentorships.length + 1).toString(36)}`, mentorId, menteeId, status: "requested", requestedAt: tools.timeOf(requestStep), respondedAt: null, endedAt: null, rating: null };
    mentorships.push(row);
    plan(requestStep, (at) => emit("mentoring.requested", row, menteeId, at));
    const accepted = next() < 0.8;
    const answerStep = requestStep + stepsLater(next() * 3);
    const answered = plan(answerStep, (at) => emit(accepted ? "mentoring.accepted" : "mentoring.declined", row, mentorId, at));
    if (!answered) continue;
    row.status = accepted ? "active" : "declined";
    row.respondedAt = tools.timeOf(answerStep);
    if (!accepted) continue;
    const rating = 3 + Math.floor(next() * 3);
    const endStep = answerStep + stepsLater(60 + next() * 30);
    const ended = plan(endStep, (at) => {
      emit("mentoring.ended", row, mentorId, at, { endedBy: mentorId, reason: "completed" });
      emit("mentoring.completed", row, menteeId, at, { rating });
    });
    if (!ended) continue;
    row.status = "ended";
    row.endedAt = tools.timeOf(endStep);
    row.rating = rating;
  }
  return mentorships;
}
