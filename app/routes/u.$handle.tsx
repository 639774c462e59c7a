import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Avatar } from "../components/avatar";
import directoryStylesheet from "../components/directory/directory.css?url";
import { ActivityList } from "../components/directory/activity-list";
import { FollowButton } from "../components/directory/follow-button";
import { recentActivity } from "../domain/directory/activity.server";
import { isAvailableMentor } from "../domain/directory/mentors.server";
import { followerCount, isFollowing } from "../domain/follow/follows.server";
import { can } from "../domain/policy.server";
import { avatarIdColumn } from "../domain/uploads/avatars.server";
import { ThreadList } from "../components/thread-list";
import { visibleThreads } from "../domain/policy.server";
import { listAwards } from "../domain/moderation/awards.server";
import { AwardsList } from "../components/moderation/awards-list";
import { ProfileTabs } from "../components/recognition/profile-tabs";
import { MuteButton } from "../components/account-data/mute-button";
import { isMuted } from "../domain/account-data/mutes.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.display_name ?? "Person"} · Partner Community` }];

/** A person's public profile; their threads are listed through the same visibility scope as every list. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const person = await context.db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "users.id",
      "users.display_name",
      "users.handle",
      "users.title",
      "users.bio",
      "users.languages",
      "users.time_zone",
      "users.region",
      "users.expertise",
      "organizations.name as organization_name",
      "organizations.slug as organization_slug",
      avatarIdColumn("users.id").as("avatar_id"),
    ])
    .where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", (params.handle ?? "").toLowerCase()))
    // A deleted account has no profile: its posts say "Former member" and link nowhere (decision 023).
    .where("users.deleted_at", "is", null)
    .executeTakeFirst();
  if (!person) throw new Response("That person does not exist.", { status: 404 });
  const threads = await context.db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.slug",
      "threads.reply_count",
      "threads.accepted_post_id",
      "threads.pinned_at",
      "threads.locked_at",
      "threads.last_posted_at",
      "categories.name as category_name",
      "categories.slug as category_slug",
      "users.display_name as author_name",
    ])
    .where("threads.author_id", "=", person.id)
    .where(visibleThreads(context.user))
    .orderBy("threads.last_posted_at", "desc")
    .limit(10)
    .execute();
  const target = { kind: "user", id: person.id } as const;
  const [activity, following, followers, availableAsMentor, muted] = await Promise.all([
    recentActivity(context.db, context.user, { authorIds: [person.id] }),
    isFollowing(context.db, context.user, target),
    followerCount(context.db, target),
    isAvailableMentor(context.db, person.id),
    context.user ? isMuted(context.db, context.user.id, person.id) : false,
  ]);
  const isSelf = context.user?.id === person.id;
  return {
    person,
    threads: threads.map((thread) => ({ ...thread, tags: [] })),
    activity,
    following,
    followers,
    availableAsMentor,
    canFollow: context.user !== null && !isSelf,
    canMessage: !isSelf && can(context.user, "messages.send"),
    canMute: can(context.user, "user.mute", { id: person.id }),
    muted,
    awards: await listAwards(context.db, { recipientId: person.id, limit: 20 }),
  };
}

export default function Profile() {
  const { person, threads, activity, following, followers, availableAsMentor, canFollow, canMessage, canMute, muted, awards } =
    useLoaderData<typeof loader>();
  return (
    <article className="stack">
      <header className="cluster">
        <Avatar user={{ displayName: person.display_name, avatarId: person.avatar_id }} size="large" />
        <div className="stack-tight">
          <h1>{person.display_name}</h1>
          <p className="muted">
            @{person.handle}
            {person.title ? ` · ${person.title}` : ""}
            {person.organization_name ? (
              <>
                {" · "}
                <a href={`/orgs/${person.organization_slug}`}>{person.organization_name}</a>
              </>
            ) : null}
          </p>
        </div>
      </header>
      <div className="cluster">
        {canFollow ? <FollowButton kind="user" id={person.id} name={person.display_name} following={following} redirectTo={`/u/${person.handle}`} /> : null}
        {canMessage ? (
          <a className="button button-quiet" href={`/messages/new?to=${encodeURIComponent(person.handle)}`}>
            Send a message
          </a>
        ) : null}
        {canMute ? <MuteButton userId={person.id} name={person.display_name} muted={muted} redirectTo={`/u/${person.handle}`} /> : null}
        <span className="muted">
          {followers} follower{followers === 1 ? "" : "s"}
        </span>
        {availableAsMentor ? <span className="badge badge-accent">Available as mentor</span> : null}
      </div>
      <ProfileTabs handle={person.handle} current="profile" />
      {person.bio ? <p>{person.bio}</p> : null}
      {person.expertise.length ? (
        <ul className="tag-list" aria-label="Expertise">
          {person.expertise.map((tag) => (
            <li key={tag} className="badge">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        {person.languages.length ? `Speaks ${person.languages.join(", ")} · ` : ""}
        {person.time_zone.replaceAll("_", " ")}
        {person.region ? ` · ${person.region}` : ""}
      </p>
      <section className="stack-tight" aria-labelledby="threads-heading">
        <h2 id="threads-heading">Recent threads</h2>
        <ThreadList threads={threads} />
      </section>
      <section className="stack-tight" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <ActivityList items={activity} empty="No public activity yet." showAuthor={false} />
      </section>
      {awards.length ? (
        <section className="stack-tight" aria-labelledby="awards-heading">
          <h2 id="awards-heading">Recognized by the moderators</h2>
          <AwardsList awards={awards} />
        </section>
      ) : null}
    </article>
  );
}
