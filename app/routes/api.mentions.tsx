import type { LoaderFunctionArgs } from "@remix-run/node";

/** Handles for @mention autocomplete: signed-in people only, by handle or display name prefix. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.user) return { people: [] };
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 40);
  if (!q) return { people: [] };
  const pattern = `${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const people = await context.db
    .selectFrom("users")
    .select(["handle", "display_name"])
    .where((eb) => eb.or([eb(eb.fn("lower", ["handle"]), "like", pattern), eb(eb.fn("lower", ["display_name"]), "like", pattern)]))
    .where("deleted_at", "is", null)
    .orderBy("handle")
    .limit(8)
    .execute();
  return { people };
}
