import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ThreadListPage } from "../components/thread-list-page";
import { listThreads } from "../domain/forum/queries.server";
import { listOptionsFrom } from "../utils/list-params";

export const meta: MetaFunction = () => [{ title: "New threads · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return listThreads(context.db, context.user, { ...listOptionsFrom(new URL(request.url)), view: "new" });
}

export default function Page() {
  return <ThreadListPage view="new" title="New threads" />;
}
