import type { ReactionKind } from "../../../db/schema-parts/forum";
import { DEFAULT_SEED } from "../plan";
import { mulberry32, pick, type Random } from "../random";
import { aliases, emailOf, profileOf, staffAliases, type Alias } from "./cast";
import { followUps } from "./follow-ups";
import type { CategoryKey } from "./structure";
import { forumThreads } from "./threads";
import type { SeedReply, SeedThread } from "./types";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type PostKind = "opening" | "written" | "accepted" | "chatter" | "follow-up";

export interface PlannedPost {
  thread: string;
  /** 0 is the opening post. */
  index: number;
  kind: PostKind;
  /** The author's email: the runner looks people up by it. */
  author: string;
  /** Markdown with `@{email}` and `{thread:key}` left for the runner, which knows handles and ids. */
  body: string;
  quote?: { post: number; text: string };
  to?: number;
  at: Date;
}

export type ForumAction =
  | { kind: "thread"; at: Date; thread: SeedThread; post: PlannedPost }
  | { kind: "reply"; at: Date; post: PlannedPost }
  | { kind: "accept"; at: Date; thread: string; post: number }
  | { kind: "react"; at: Date; thread: string; post: number; by: string; reaction: ReactionKind };

export interface ForumPlan {
  actions: ForumAction[];
}

/** Partners whose customers are in the community sector, plus the two demo people who work with them. */
const communitySectorCrowd: Alias[] = [
  "denise", "luis", "grace", "samuel", "fiona", "kwame", "siobhan", "beatriz", "thiago",
  "guadalupe", "rafael", "liam", "aroha", "mai", "rosa", "priya",
];

/** Some people's answers collect more reactions than others': every forum has its regulars. */
const reputation: Partial<Record<Alias, number>> = {
  rosa: 3, aisha: 2, fiona: 2, lukas: 2, priya: 1, marcus: 1, liam: 1, jessica: 1, denise: 1, youssef: 1,
};

const crowdFor = (category: CategoryKey): Alias[] =>
  category === "moderators"
    ? staffAliases
    : category === "community-sector"
      ? communitySectorCrowd
      : aliases.filter((alias) => !staffAliases.includes(alias));

const reactorsFor = (category: CategoryKey): Alias[] => (category === "moderators" ? staffAliases : aliases);

/**
 * The whole forum history, worked out before touching the database: posts, accepted answers and
 * reactions with their times over the last ~90 days, in the order they happened. Same seed, same
 * `now` and same demo setting give the same plan.
 */
export function planForum(options: { now: Date; demoAccounts: boolean; seed?: number; threads?: SeedThread[] }): ForumPlan {
  const random = mulberry32((options.seed ?? DEFAULT_SEED) ^ 0x0f0e0e);
  const who = (alias: Alias) => emailOf(alias, options.demoAccounts);
  const threads = options.threads ?? forumThreads;
  const actions: ForumAction[] = [];
  const opened = new Map<string, Date>();
  for (const thread of threads) {
    const posts = planThread(random, thread, options.now, who);
    opened.set(thread.key, posts[0].at);
    actions.push({ kind: "thread", at: posts[0].at, thread, post: posts[0] });
    for (const post of posts.slice(1)) actions.push({ kind: "reply", at: post.at, post });
    if (thread.accepted !== undefined) {
      const answer = posts[thread.accepted + 1];
      // An asker who writes back ("thanks, that worked") accepts just before saying so.
      const thanks = posts.find((post) => post.index > answer.index && post.author === posts[0].author);
      const at = thanks ? new Date(thanks.at.getTime() - MINUTE) : after(random, answer.at, options.now, 2 * DAY);
      actions.push({ kind: "accept", at, thread: thread.key, post: answer.index });
    }
    actions.push(...planReactions(random, thread, posts, options.now, who));
  }
  checkThreadLinks(actions, opened);
  // Stable: two actions at the same millisecond keep the order they were planned in.
  const ordered = actions.map((action, i) => ({ action, i }));
  ordered.sort((a, b) => a.action.at.getTime() - b.action.at.getTime() || a.i - b.i);
  return { actions: ordered.map(({ action }) => action) };
}

function planThread(random: Random, thread: SeedThread, now: Date, who: (alias: Alias) => string): PlannedPost[] {
  const asker = who(thread.by);
  const crowd = crowdFor(thread.category);
  const written = thread.replies.map((reply, i) => {
    if (reply.quote && reply.quote.post > i) throw new Error(`forum seed: ${thread.key} reply ${i + 1} quotes a later post`);
    if (reply.to !== undefined && reply.to > i) throw new Error(`forum seed: ${thread.key} reply ${i + 1} answers a later post`);
    return { ...reply, kind: (thread.accepted === i ? "accepted" : "written") as PostKind };
  });
  const answer = thread.accepted === undefined ? undefined : thread.replies[thread.accepted];
  if (thread.accepted !== undefined && (!answer || who(answer.by) === asker)) {
    throw new Error(`forum seed: ${thread.key} must accept a reply by someone other than its asker`);
  }
  const helper: Alias = answer?.by ?? thread.replies.find((r) => who(r.by) !== asker)?.by ?? thread.by;

  const tail: Array<SeedReply & { kind: PostKind }> = [];
  let last = who(thread.replies.at(-1)?.by ?? thread.by);
  const someone = (avoid: string[]) => {
    const choices = crowd.filter((alias) => ![asker, last, ...avoid].includes(who(alias)));
    if (choices.length === 0) throw new Error(`forum seed: ${thread.key} has nobody left to write its chatter`);
    return pick(random, choices);
  };
  const chatter = shuffle(random, thread.chatter ?? []);
  const templates = shuffle(random, followUps).slice(0, randomInt(random, Math.min(1, thread.followUps ?? 4), thread.followUps ?? 4));
  const extra: Array<{ chatter: string | SeedReply } | { followUp: (typeof followUps)[number] }> = chatter.map((c) => ({ chatter: c }));
  for (const followUp of templates) extra.splice(randomInt(random, 0, extra.length), 0, { followUp });
  for (const item of extra) {
    if ("chatter" in item) {
      const reply = typeof item.chatter === "string" ? { by: someone([]), body: item.chatter } : item.chatter;
      tail.push({ ...reply, kind: "chatter" });
    } else {
      const by = someone([who(helper)]);
      const body = item.followUp({ asker: thread.by, helper, topic: thread.topic, city: profileOf(who(by)).city, solved: thread.accepted !== undefined });
      tail.push({ by, body, kind: "follow-up" });
    }
    last = who(tail.at(-1)!.by);
  }

  const replies = [...written, ...tail];
  const times = threadTimes(random, thread, replies.length, now);
  const resolve = (body: string) =>
    body.replace(/@\{([a-z]+)\}/g, (_, alias: string) => {
      if (!aliases.includes(alias as Alias)) throw new Error(`forum seed: ${thread.key} mentions unknown @{${alias}}`);
      return `@{${who(alias as Alias)}}`;
    });
  const opening: PlannedPost = { thread: thread.key, index: 0, kind: "opening", author: asker, body: resolve(thread.body), at: times[0] };
  return [
    opening,
    ...replies.map((reply, i): PlannedPost => {
      const author = who(reply.by);
      if (thread.category === "moderators" && !staffAliases.includes(reply.by)) {
        throw new Error(`forum seed: ${thread.key} has a reply by ${reply.by}, who cannot read the moderators' category`);
      }
      return {
        thread: thread.key,
        index: i + 1,
        kind: reply.kind,
        author,
        body: resolve(reply.body),
        quote: reply.quote && { post: reply.quote.post, text: resolve(reply.quote.text) },
        to: reply.quote?.post ?? reply.to,
        at: times[i + 1],
      };
    }),
  ];
}

/** Opening time and reply times: quick first answers, slower follow-ups, all before `now`. */
function threadTimes(random: Random, thread: SeedThread, replies: number, now: Date): Date[] {
  if (thread.daysAgo < 1.5) throw new Error(`forum seed: ${thread.key} must open at least 1.5 days ago`);
  const start = now.getTime() - thread.daysAgo * DAY + random() * 6 * HOUR;
  const gaps = Array.from({ length: replies }, (_, i) =>
    i === 0 ? 15 * MINUTE + random() ** 2 * 10 * HOUR : 5 * MINUTE + random() ** 2 * 28 * HOUR,
  );
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  const room = Math.min(now.getTime() - start - HOUR, 25 * DAY);
  const scale = span > room ? room / span : 1;
  const times = [new Date(start)];
  let at = start;
  for (const gap of gaps) times.push(new Date((at += Math.max(90_000, gap * scale))));
  return times;
}

function planReactions(random: Random, thread: SeedThread, posts: PlannedPost[], now: Date, who: (alias: Alias) => string): ForumAction[] {
  const participants = new Set(posts.map((post) => post.author));
  const everyone = [...new Set(reactorsFor(thread.category).map(who))];
  // People already in the conversation react more than passers-by.
  const pool = [...everyone, ...everyone.filter((p) => participants.has(p)), ...everyone.filter((p) => participants.has(p))];
  const aliasOf = new Map(aliases.map((alias) => [who(alias), alias]));
  const actions: ForumAction[] = [];
  for (const post of posts) {
    const count = reactionCount(random, post, reputation[aliasOf.get(post.author)!] ?? 0);
    const reactors = new Set<string>();
    if (post.kind === "accepted") reactors.add(posts[0].author);
    for (let tries = 0; reactors.size < count && tries < count * 10; tries++) reactors.add(pick(random, pool));
    reactors.delete(post.author);
    for (const by of reactors) {
      const reaction = post.kind === "accepted" && by === posts[0].author ? "thanks" : reactionKind(random, post.kind);
      actions.push({ kind: "react", at: after(random, post.at, now, 3 * DAY), thread: post.thread, post: post.index, by, reaction });
    }
  }
  return actions;
}

function reactionCount(random: Random, post: PlannedPost, reputation: number): number {
  const bonus = post.kind === "written" || post.kind === "accepted" ? randomInt(random, 0, reputation) : 0;
  switch (post.kind) {
    case "opening":
      return randomInt(random, 0, 2);
    case "accepted":
      return 3 + randomInt(random, 0, 4) + bonus;
    case "written":
      return randomInt(random, 0, 2) + bonus;
    case "chatter":
      return randomInt(random, 0, 1);
    case "follow-up":
      return random() < 0.2 ? 1 : 0;
  }
}

function reactionKind(random: Random, kind: PostKind): ReactionKind {
  const r = random();
  if (kind === "accepted" || kind === "written") return r < 0.4 ? "thanks" : r < 0.7 ? "insightful" : "like";
  if (kind === "opening") return r < 0.75 ? "like" : "insightful";
  return r < 0.8 ? "like" : "thanks";
}

/** Some time after `from`, at most `within` later and never later than a minute before `now`. */
function after(random: Random, from: Date, now: Date, within: number): Date {
  const room = Math.min(within, now.getTime() - from.getTime() - MINUTE);
  return new Date(from.getTime() + Math.max(MINUTE / 2, random() * room));
}

/** `{thread:key}` links only to threads that exist by then; the runner would have no id otherwise. */
function checkThreadLinks(actions: ForumAction[], opened: Map<string, Date>) {
  for (const action of actions) {
    if (action.kind !== "thread" && action.kind !== "reply") continue;
    for (const [, key] of action.post.body.matchAll(/\{thread:([a-z0-9-]+)\}/g)) {
      const at = opened.get(key);
      if (!at || at >= action.at) throw new Error(`forum seed: ${action.post.thread} links to ${key}, which is not open yet`);
    }
  }
}

const randomInt = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
