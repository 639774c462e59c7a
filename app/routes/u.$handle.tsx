import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Avatar } from "../components/avatar";
import { avatarIdColumn } from "../domain/uploads/avatars.server";
import { ThreadList } from "../components/thread-list";
import { visibleThreads } from "../domain/policy.server";
import { ProfileTabs } from "../components/recognition/profile-tabs";

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
      "organizations.name as organization_name",
      "organizations.slug as organization_slug",
      avatarIdColumn("users.id").as("avatar_id"),
    ])
    .where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", (params.handle ?? "").toLowerCase()))
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
  return { person, threads: threads.map((thread) => ({ ...thread, tags: [] })) };
}

export default function Profile() {
  const { person, threads } = useLoaderData<typeof loader>();
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
      <ProfileTabs handle={person.handle} current="profile" />
      {person.bio ? <p>{person.bio}</p> : null}
      <p className="muted">
        {person.languages.length ? `Speaks ${person.languages.join(", ")} · ` : ""}
        {person.time_zone.replaceAll("_", " ")}
      </p>
      <section className="stack-tight" aria-labelledby="threads-heading">
        <h2 id="threads-heading">Recent threads</h2>
        <ThreadList threads={threads} />
      </section>
    </article>
  );
}
