import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { AdminNav } from "../components/moderation/admin-nav";
import { adminVisibilities } from "../domain/moderation/category-options";
import { addCategory, categoryRulesSchema, listCategoriesForAdmin, moveCategory, newCategorySchema, setCategoryRules } from "../domain/moderation/categories-admin.server";
import { parseForm } from "../utils/forms";
import { asHttpError, authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Categories · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { categories: await listCategoriesForAdmin(context.db, user).catch(asHttpError) };
}

const visibilityLabels: Record<string, string> = { public: "Everyone", members: "Signed-in members", staff: "Moderators and admins", council: "Council members" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "create") {
      const form = parseForm(newCategorySchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      await addCategory(context.db, user, form.data);
      return data({ done: `Category “${form.data.name}” created.` });
    }
    if (intent === "rules") {
      const form = parseForm(categoryRulesSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      await setCategoryRules(context.db, user, form.data);
      return data({ done: "Permissions saved." });
    }
    if (intent === "up" || intent === "down") {
      await moveCategory(context.db, user, { categoryId: Number(formData.get("categoryId")), direction: intent });
      return data({ done: "Order saved." });
    }
    return invalid({ form: "Unknown action." }, {});
  } catch (error) {
    return refusal(error);
  }
}

export default function AdminCategories() {
  const { categories } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <h1>Categories</h1>
      <AdminNav />
      <FormAlert message={errors.form ?? errors.visibility ?? errors.startThreads ?? errors.reply} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Categories in forum order, with who may see, start threads and reply</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Category</th>
              <th scope="col">Permissions</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category, index) => (
              <tr key={category.id}>
                <td>
                  <Form method="post" className="cluster">
                    <input type="hidden" name="categoryId" value={category.id} />
                    <button type="submit" name="intent" value="up" className="button-quiet" disabled={index === 0} aria-label={`Move ${category.name} up`}>
                      ↑
                    </button>
                    <button type="submit" name="intent" value="down" className="button-quiet" disabled={index === categories.length - 1} aria-label={`Move ${category.name} down`}>
                      ↓
                    </button>
                  </Form>
                </td>
                <td>
                  <a href={`/c/${category.slug}`}>{category.name}</a> <span className="muted">({category.thread_count} threads)</span>
                </td>
                <td>
                  {category.visibility === "council" || category.council_id ? (
                    <span className="muted">Council space: managed from its council</span>
                  ) : (
                    <Form method="post" className="cluster">
                      <input type="hidden" name="intent" value="rules" />
                      <input type="hidden" name="categoryId" value={category.id} />
                      <label htmlFor={`see-${category.id}`}>See</label>
                      <select id={`see-${category.id}`} name="visibility" defaultValue={category.visibility} style={{ width: "auto" }}>
                        {adminVisibilities.map((v) => (
                          <option key={v} value={v}>
                            {visibilityLabels[v]}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`start-${category.id}`}>Start threads</label>
                      <select id={`start-${category.id}`} name="startThreads" defaultValue={category.start_threads ?? "members"} style={{ width: "auto" }}>
                        <option value="members">Anyone who sees it</option>
                        <option value="staff">Moderators and admins</option>
                      </select>
                      <label htmlFor={`reply-${category.id}`}>Reply</label>
                      <select id={`reply-${category.id}`} name="reply" defaultValue={category.reply ?? "members"} style={{ width: "auto" }}>
                        <option value="members">Anyone who sees it</option>
                        <option value="staff">Moderators and admins</option>
                      </select>
                      <button type="submit" className="button-quiet" aria-label={`Save permissions for ${category.name}`}>
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
      <Form method="post" className="form card stack" noValidate>
        <h2>New category</h2>
        <input type="hidden" name="intent" value="create" />
        <TextField label="Name" name="name" defaultValue={failure?.values.name} error={errors.name} maxLength={60} />
        <TextField label="Description" name="description" defaultValue={failure?.values.description} error={errors.description} maxLength={300} />
        <div className="field">
          <label htmlFor="new-visibility">Who may see it</label>
          <select id="new-visibility" name="visibility" defaultValue={failure?.values.visibility ?? "public"}>
            {adminVisibilities.map((v) => (
              <option key={v} value={v}>
                {visibilityLabels[v]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Create category</button>
      </Form>
    </section>
  );
}
