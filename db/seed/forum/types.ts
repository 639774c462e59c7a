import type { Alias } from "./cast";
import type { CategoryKey } from "./structure";

/** A reply written for one thread. Post numbers count from 0, the opening post. */
export interface SeedReply {
  by: Alias;
  /** Markdown; `@{alias}` becomes the person's @handle and `{thread:key}` a link to that thread. */
  body: string;
  /** Quotes an earlier post of the thread with this excerpt (the Quote button's markup). */
  quote?: { post: number; text: string };
  /** Answers an earlier post of the thread (the reply-to link). */
  to?: number;
}

export interface SeedThread {
  key: string;
  category: CategoryKey;
  title: string;
  tags: string[];
  by: Alias;
  /** Days before the seed's "now" that the thread was opened. */
  daysAgo: number;
  body: string;
  /** Hand-written replies, in order. */
  replies: SeedReply[];
  /** Index into `replies` of the answer the asker accepts. */
  accepted?: number;
  /** Short on-topic replies shuffled in after the written ones; without `by`, someone from the crowd says it. */
  chatter?: Array<string | SeedReply>;
  /** How generic follow-ups name the subject: "Thanks, this settles {topic} for us." */
  topic: string;
  /** How many generic follow-ups to add at most (default 4). */
  followUps?: number;
}
