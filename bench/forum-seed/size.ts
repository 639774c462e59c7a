/** How big a community the forum seed makes: the proportions, each overridable by a flag. */
export interface ForumSeedSize {
  posts: number;
  threads: number;
  people: number;
  organizations: number;
  mentorships: number;
}

const FLAGS = ["posts", "threads", "people", "organizations", "mentorships"] as const;

/** 1,000,000 posts → 50,000 threads, 100,000 people, 10,000 organizations, 2,000 mentorships. */
export function sizeFor(posts: number, overrides: Partial<ForumSeedSize> = {}): ForumSeedSize {
  const people = overrides.people ?? Math.max(20, Math.round(posts / 10));
  return {
    posts,
    threads: Math.min(posts, overrides.threads ?? Math.max(1, Math.round(posts / 20))),
    people,
    organizations: overrides.organizations ?? Math.max(2, Math.round(posts / 100)),
    mentorships: overrides.mentorships ?? Math.max(1, Math.round(people / 50)),
  };
}

/** `--posts 1000000 [--threads n] [--people n] [--organizations n] [--mentorships n]`; null without --posts. */
export function parseSizeFlags(argv: string[]): ForumSeedSize | null {
  const values: Partial<Record<(typeof FLAGS)[number], number>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2);
    const name = flag!.replace(/^--/, "") as (typeof FLAGS)[number];
    if (!flag!.startsWith("--") || !FLAGS.includes(name)) continue;
    const raw = inline ?? argv[++i];
    const value = Number(raw?.replace(/[_,]/g, ""));
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number above 0, not ${raw}`);
    values[name] = value;
  }
  if (values.posts === undefined) {
    if (Object.keys(values).length) throw new Error("--threads, --people, --organizations and --mentorships go with --posts");
    return null;
  }
  return sizeFor(values.posts, values);
}
