import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CategoryWatchSelect } from "../components/follow/follow-controls";
import { notificationKindLabels, notificationKinds } from "../domain/follow/kinds";
import { notificationPreferences, setNotificationPreferences } from "../domain/follow/notifications.server";
import { categoryWatchList } from "../domain/follow/watches.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Notification settings · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [preferences, categories] = await Promise.all([
    notificationPreferences(context.db, user.id),
    categoryWatchList(context.db, user),
  ]);
  return { preferences, categories };
}

/** A checkbox per kind: a kind is on when its box was sent. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const chosen = new Set(form.getAll("kind").map(String));
  await setNotificationPreferences(context.db, user.id, Object.fromEntries(notificationKinds.map((kind) => [kind, chosen.has(kind)])));
  return data({ saved: true as const });
}

export default function NotificationSettings() {
  const { preferences, categories } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Notification settings</h1>
      {saved ? (
        <div className="alert alert-success" role="status">
          Settings saved.
        </div>
      ) : null}
      <Form method="post" className="form stack">
        <fieldset className="stack-tight">
          <legend>Notify me about</legend>
          {notificationKinds.map((kind) => (
            <div key={kind} className="field">
              <label>
                <input type="checkbox" name="kind" value={kind} defaultChecked={preferences[kind]} aria-describedby={`kind-${kind}-hint`} />{" "}
                {notificationKindLabels[kind].label}
              </label>
              <p className="field-hint" id={`kind-${kind}-hint`}>
                {notificationKindLabels[kind].hint}
              </p>
            </div>
          ))}
        </fieldset>
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save settings"}
          </button>
        </div>
      </Form>
      <section className="stack-tight" aria-labelledby="categories-heading">
        <h2 id="categories-heading">Categories</h2>
        <p className="muted">
          Watching a category notifies you of every new post in it; Muted silences it and keeps it out of Unread. A thread’s
          own setting wins over its category’s.
        </p>
        {categories.length === 0 ? <p className="muted">No categories yet.</p> : null}
        <ul className="notification-list stack-tight">
          {categories.map((category) => (
            <li key={category.id}>
              <CategoryWatchSelect categoryId={category.id} level={category.level} label={category.name} />
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
