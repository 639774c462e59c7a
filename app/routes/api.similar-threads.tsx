import type { LoaderFunctionArgs } from "@remix-run/node";
import { similarThreads } from "../domain/forum/search.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = new URL(request.url).searchParams.get("title") ?? "";
  const threads = await similarThreads(context.db, context.user, title.slice(0, 200));
  return { threads };
}
