import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { endOtherSessions, endOwnSession, listSessions } from "../domain/accounts/sessions.server";
import { setStaffTwoFactorRequired, staffTwoFactorRequired, twoFactorStatus } from "../domain/accounts/two-factor.server";
import { can } from "../domain/policy.server";
import { asHttpError, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Account and security · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const isAdmin = can(user, "admin.access");
  const [sessions, twoFactor, staffRequired] = await Promise.all([
    listSessions(context.db, user.id, context.sessionId),
    twoFactorStatus(context.db, user.id),
    isAdmin ? staffTwoFactorRequired(context.db) : Promise.resolve(null),
  ]);
  return { sessions, twoFactor, staffRequired };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "end-session": {
        const ended = await endOwnSession(context.db, user, String(form.get("session") ?? ""));
        await context.realtime.disconnectSession(ended);
        if (ended === context.sessionId) return redirect("/", { headers: { "Set-Cookie": context.auth.blankCookie() } });
        return data({ message: "That session is signed out." });
      }
      case "end-others": {
        if (!context.sessionId) throw new Response("No session", { status: 400 });
        const ended = await endOtherSessions(context.db, user, context.sessionId);
        await Promise.all(ended.map((id) => context.realtime.disconnectSession(id)));
        return data({ message: `Signed out of ${ended.length} other session${ended.length === 1 ? "" : "s"}.` });
      }
      case "require-two-factor":
        await setStaffTwoFactorRequired(context.db, user, form.get("required") === "on");
        return data({ message: "Saved." });
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  } catch (error) {
    return asHttpError(error);
  }
}

export default function SecuritySettings() {
  const { sessions, twoFactor, staffRequired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Account and security</h1>
      {result?.message ? (
        <div className="alert alert-success" role="status">
          {result.message}
        </div>
      ) : null}
      <section className="stack-tight" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Sign-in details</h2>
        <p>
          <a href="/settings/email">Change your email address</a> · <a href="/settings/password">Change your password</a>
        </p>
      </section>
      <section className="stack-tight" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor authentication</h2>
        <p>
          {twoFactor.enabled ? "On." : "Off."} <a href="/settings/two-factor">{twoFactor.enabled ? "Manage two-factor authentication" : "Set up two-factor authentication"}</a>
        </p>
      </section>
      <section className="stack-tight" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {session.device}
                  {session.current ? <strong> (this device)</strong> : null}
                </td>
                <td>{session.ip ?? "unknown"}</td>
                <td>
                  <RelativeTime date={session.signedInAt} />
                </td>
                <td>
                  <RelativeTime date={session.lastUsedAt} />
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-session" />
                    <input type="hidden" name="session" value={session.id} />
                    <button type="submit" className="link-button" disabled={submitting}>
                      Sign out this session<span className="visually-hidden"> ({session.device})</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" disabled={submitting}>
              Sign out everywhere else
            </button>
          </Form>
        ) : null}
      </section>
      {staffRequired !== null ? (
        <section className="stack-tight" aria-labelledby="staff-heading">
          <h2 id="staff-heading">For the whole community</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="require-two-factor" />
            <div className="field">
              <label>
                <input type="checkbox" name="required" defaultChecked={staffRequired} /> Require two-factor authentication for moderators and admins
              </label>
            </div>
            <div>
              <button type="submit" disabled={submitting}>
                Save
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
