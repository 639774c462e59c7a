import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { NotificationList } from "../components/follow/notification-list";
import { Pagination } from "../components/thread-list";
import { listNotifications, markAllNotificationsRead } from "../domain/follow/notifications.server";
import { useLiveRevalidate } from "../realtime/useLiveRevalidate";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return listNotifications(context.db, user, Number.isInteger(page) ? page : 1);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const intent = (await request.formData()).get("intent");
  if (intent !== "read-all") return data({ error: "Unknown action." }, { status: 400 });
  await markAllNotificationsRead(context.db, user);
  return data({ ok: true });
}

export default function Notifications() {
  const { notifications, page, hasMore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  // A new notification while the centre is open: show it.
  useLiveRevalidate("notification:count");
  const anyUnread = notifications.some((n) => !n.read_at);
  return (
    <section className="stack">
      <div className="spread">
        <h1>Notifications</h1>
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button-quiet" disabled={submitting || (!anyUnread && page === 1)}>
            Mark all read
          </button>
        </Form>
      </div>
      <p className="muted">
        Choose what you hear about in <a href="/settings/notifications">notification settings</a>. Your{" "}
        <a href="/bookmarks">bookmarks</a> and <a href="/unread">unread threads</a> are a click away.
      </p>
      <NotificationList notifications={notifications} />
      <Pagination page={page} hasMore={hasMore} base={params} />
    </section>
  );
}
