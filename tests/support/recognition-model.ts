import fc from "fast-check";
import type { DispatchedEvent, EventPayload, EventType } from "../../app/domain/events/catalogue";
import { DEFAULT_RULES, type RuleSet } from "../../app/domain/recognition/rules";

/**
 * Random recognition histories for property tests: commands over a small cast (so caps, pairs,
 * toggles and same-organization reactions actually collide), interpreted into the events the
 * domain would emit. Invalid moves (unreacting what is not there) are kept: the engine must
 * cope with them too.
 */
export type Command =
  | { kind: "thread"; author: number }
  | { kind: "reply"; author: number; thread: number }
  | { kind: "react"; reactor: number; post: number; reaction: "like" | "thanks" }
  | { kind: "unreact"; reactor: number; post: number; reaction: "like" | "thanks" }
  | { kind: "accept"; post: number }
  | { kind: "unaccept"; post: number }
  | { kind: "hide"; post: number }
  | { kind: "restore"; post: number }
  | { kind: "delete"; post: number }
  | { kind: "award"; person: number; points: number }
  | { kind: "badge"; person: number }
  | { kind: "revoke"; award: number }
  | { kind: "join"; person: number; org: number }
  | { kind: "leave"; person: number }
  | { kind: "mentoring"; person: number; rating: number }
  | { kind: "rules"; reaction: number; reply: number; pair: number; percent: number; cap: number | null }
  | { kind: "later"; hours: number }
  | { kind: "drain" };

export const CAST = 7;
const who = fc.integer({ min: 0, max: CAST - 1 });
const any = fc.nat(1000);

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: who.map((author) => ({ kind: "thread" as const, author })) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("reply" as const), author: who, thread: any }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("react" as const), reactor: who, post: any, reaction: fc.constantFrom("like" as const, "thanks" as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("unreact" as const), reactor: who, post: any, reaction: fc.constantFrom("like" as const, "thanks" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("accept" as const), post: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unaccept" as const), post: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("hide" as const), post: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), post: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), post: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("award" as const), person: who, points: fc.integer({ min: -20, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("badge" as const), person: who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revoke" as const), award: any }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("join" as const), person: who, org: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("leave" as const), person: who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("mentoring" as const), person: who, rating: fc.integer({ min: 1, max: 5 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("rules" as const),
      reaction: fc.integer({ min: 0, max: 12 }),
      reply: fc.integer({ min: 0, max: 6 }),
      pair: fc.integer({ min: 1, max: 4 }),
      percent: fc.integer({ min: 0, max: 100 }),
      cap: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("later" as const), hours: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "drain" as const }) },
);

export const historyArb = (maxLength: number) => fc.array(commandArb, { minLength: 1, maxLength });

export type Step =
  | { kind: "event"; type: EventType; payload: EventPayload<EventType>; at: Date; actorId: string | null }
  | { kind: "rules"; rules: RuleSet; at: Date }
  | { kind: "drain" };

interface Post {
  id: string;
  threadId: string;
  authorId: string;
  categoryId: number;
  first: boolean;
}

/**
 * Turns commands into steps. `people` are user ids (index 0..CAST-1) and `orgs` organization
 * ids; `prefix` keeps ids apart between runs sharing one database.
 */
export function interpret(commands: Command[], options: { people: string[]; orgs: number[]; prefix: string; start: Date; categories: number[] }): Step[] {
  const { people, orgs, prefix, categories } = options;
  let now = options.start.getTime();
  let counter = 0;
  const nextId = () => `${prefix}${(counter++).toString(36)}`;
  const posts: Post[] = [];
  const threads: Post[] = [];
  const accepted = new Map<string, Post>();
  const awards: Array<{ id: number; person: string }> = [];
  const steps: Step[] = [];
  const at = () => new Date((now += 60_000));
  const event = <T extends EventType>(type: T, payload: EventPayload<T>, actorId: string | null = null) =>
    steps.push({ kind: "event", type, payload, at: at(), actorId });
  const pick = <T>(items: T[], n: number) => (items.length === 0 ? undefined : items[n % items.length]);
  let awardSeq = Number.parseInt(prefix.replace(/\D/g, "").slice(0, 6) || "1", 10) * 1000;

  for (const command of commands) {
    switch (command.kind) {
      case "thread": {
        const threadId = nextId();
        const post = { id: nextId(), threadId, authorId: people[command.author]!, categoryId: categories[counter % categories.length]!, first: true };
        posts.push(post);
        threads.push(post);
        event("forum.thread_created", { threadId, postId: post.id, categoryId: post.categoryId, authorId: post.authorId }, post.authorId);
        break;
      }
      case "reply": {
        const thread = pick(threads, command.thread);
        if (!thread) break;
        const post = { id: nextId(), threadId: thread.threadId, authorId: people[command.author]!, categoryId: thread.categoryId, first: false };
        posts.push(post);
        event("forum.reply_posted", { threadId: thread.threadId, postId: post.id, categoryId: thread.categoryId, authorId: post.authorId }, post.authorId);
        break;
      }
      case "react":
      case "unreact": {
        const post = pick(posts, command.post);
        if (!post) break;
        const reactorId = people[command.reactor]!;
        const payload = { postId: post.id, threadId: post.threadId, reactorId, authorId: post.authorId, kind: command.reaction };
        event(command.kind === "react" ? "forum.reaction_added" : "forum.reaction_removed", payload, reactorId);
        break;
      }
      case "accept": {
        const post = pick(posts.filter((p) => !p.first), command.post);
        if (!post) break;
        const thread = threads.find((t) => t.threadId === post.threadId)!;
        const previous = accepted.get(post.threadId);
        if (previous?.id === post.id) break;
        if (previous) event("forum.answer_unaccepted", { threadId: post.threadId, postId: previous.id, answerAuthorId: previous.authorId, askerId: thread.authorId });
        accepted.set(post.threadId, post);
        event("forum.answer_accepted", { threadId: post.threadId, postId: post.id, categoryId: post.categoryId, answerAuthorId: post.authorId, askerId: thread.authorId }, thread.authorId);
        break;
      }
      case "unaccept": {
        const post = pick([...accepted.values()], command.post);
        if (!post) break;
        const thread = threads.find((t) => t.threadId === post.threadId)!;
        accepted.delete(post.threadId);
        event("forum.answer_unaccepted", { threadId: post.threadId, postId: post.id, answerAuthorId: post.authorId, askerId: thread.authorId });
        break;
      }
      case "hide":
      case "restore":
      case "delete": {
        const post = pick(posts, command.post);
        if (!post) break;
        const type = command.kind === "hide" ? "forum.post_hidden" : command.kind === "restore" ? "forum.post_restored" : "forum.post_deleted";
        event(type, { threadId: post.threadId, postId: post.id, authorId: post.authorId });
        break;
      }
      case "award": {
        const award = { id: ++awardSeq, person: people[command.person]! };
        awards.push(award);
        event("moderation.points_awarded", { awardId: award.id, recipientId: award.person, moderatorId: people[0]!, points: command.points, reason: "Random award" });
        break;
      }
      case "badge": {
        const award = { id: ++awardSeq, person: people[command.person]! };
        awards.push(award);
        event("moderation.badge_awarded", { awardId: award.id, recipientId: award.person, moderatorId: people[0]!, badge: `Manual ${award.id % 3}`, reason: "Random badge" });
        break;
      }
      case "revoke": {
        const award = pick(awards, command.award);
        if (!award) break;
        event("moderation.award_revoked", { awardId: award.id, recipientId: award.person, moderatorId: people[0]!, reason: "Random revoke" });
        break;
      }
      case "join":
        event("organization.member_joined", { userId: people[command.person]!, organizationId: orgs[command.org]!, via: "admin" });
        break;
      case "leave":
        // Leaves whatever organization: the engine only acts when it is the current one.
        for (const org of orgs) event("organization.member_left", { userId: people[command.person]!, organizationId: org });
        break;
      case "mentoring": {
        const mentorId = people[command.person]!;
        const menteeId = people[(command.person + 1) % people.length]!;
        const mentorshipId = ++awardSeq;
        event("mentoring.session_confirmed", { mentorshipId, sessionId: 1, mentorId, menteeId });
        event("mentoring.completed", { mentorshipId, mentorId, menteeId, rating: command.rating });
        break;
      }
      case "rules":
        steps.push({
          kind: "rules",
          at: at(),
          rules: {
            ...DEFAULT_RULES,
            rules: {
              ...DEFAULT_RULES.rules,
              reaction_received: { points: command.reaction, dailyCap: command.cap, enabled: command.reaction > 0 },
              reply_posted: { points: command.reply, dailyCap: null, enabled: true },
            },
            antiGaming: { pairDailyLimit: command.pair, sameOrganizationPercent: command.percent },
          },
        });
        break;
      case "later":
        now += command.hours * 3_600_000;
        break;
      case "drain":
        steps.push({ kind: "drain" });
        break;
    }
  }
  return steps;
}

/** Steps as dispatched events, numbered in order (for the pure evaluator). */
type RulesStep = Extract<Step, { kind: "rules" }>;

export function asDispatched(steps: Step[], firstId = 1): Array<DispatchedEvent | RulesStep> {
  let id = firstId;
  return steps.flatMap((step): Array<DispatchedEvent | RulesStep> => {
    if (step.kind === "drain") return [];
    if (step.kind === "rules") return [step];
    const current = id++;
    return [{ id: current, txid: String(current), type: step.type, payload: step.payload, actorId: step.actorId, occurredAt: step.at } as DispatchedEvent];
  });
}
