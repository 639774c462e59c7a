import type { LoaderFunctionArgs } from "@remix-run/node";
import { findMentionCandidates } from "../domain/accounts/users.server";

/** Handles for @mention autocomplete: signed-in people only, by handle or display name prefix. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.user) return Response.json({ people: [] });
  const people = await findMentionCandidates(context.db, new URL(request.url).searchParams.get("q") ?? "");
  return Response.json({ people });
}
