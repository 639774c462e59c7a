import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "../components/forms";
import { AdminNav } from "../components/moderation/admin-nav";
import { changeRole, listUsers } from "../domain/accounts/users.server";
import { roleLabels, roles } from "../domain/accounts/validation";
import { parseForm } from "../utils/forms";
import { authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "People and roles · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  const query = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  const users = await listUsers(context.db, { query, limit: 100 });
  return { users, currentUserId: user.id };
}

const changeRoleSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles, "Choose one of the listed roles."),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(context, request);
  authorizeRequest(actor, "admin.access", undefined, { hide: true });
  const form = parseForm(changeRoleSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  authorizeRequest(actor, "user.changeRole", { id: form.data.userId });
  try {
    const changed = await changeRole(context.db, { actorId: actor.id, userId: form.data.userId, role: form.data.role });
    if (changed) await context.realtime.revalidateUser(form.data.userId);
    return data({ done: changed ? "Role changed." : "That person already has this role." });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function AdminUsers() {
  const { users, currentUserId } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const [params] = useSearchParams();
  const failure = result && "errors" in result ? result : undefined;
  return (
    <section className="stack">
      <h1>People and roles</h1>
      <AdminNav />
      <Form method="get" role="search" className="cluster">
        <label htmlFor="user-search" className="visually-hidden">
          Search people
        </label>
        <input id="user-search" name="q" type="search" placeholder="Name or email" defaultValue={params.get("q") ?? ""} style={{ maxWidth: "20rem" }} />
        <button type="submit">Search</button>
      </Form>
      <FormAlert message={failure ? (failure.errors.form ?? failure.errors.role ?? failure.errors.userId) : undefined} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">People</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Organization</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.display_name}</td>
                <td>{user.email}</td>
                <td>{user.organization_name ?? <span className="muted">Vendor or unaffiliated</span>}</td>
                <td>
                  {user.id === currentUserId ? (
                    roleLabels[user.role]
                  ) : (
                    <Form method="post" className="cluster">
                      <input type="hidden" name="userId" value={user.id} />
                      <label htmlFor={`role-${user.id}`} className="visually-hidden">
                        Role for {user.display_name}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role} style={{ width: "auto" }}>
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button-quiet" aria-label={`Save role for ${user.display_name}`}>
                        Save
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
