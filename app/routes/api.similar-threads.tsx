import type { LoaderFunctionArgs } from "@remix-run/node";
import { similarThreads } from "../domain/forum/search.server";

/** Existing threads like the title being typed, as JSON for the new-thread form. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = new URL(request.url).searchParams.get("title") ?? "";
  const threads = await similarThreads(context.db, context.user, title.slice(0, 200));
  return Response.json({ threads });
}
