import { data, type ActionFunctionArgs } from "@remix-run/node";
import { MAX_BODY } from "../domain/forum/validation";
import { requireUser } from "../utils/http.server";

/** Live preview: the same render and sanitize as posting, nothing stored. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(context, request);
  const body = String((await request.formData()).get("body") ?? "");
  if (body.length > MAX_BODY) return data({ error: `Keep the post to ${MAX_BODY.toLocaleString("en")} characters or fewer.` }, { status: 400 });
  try {
    const rendered = await context.renderMarkdown(body);
    return data({ html: rendered.html });
  } catch {
    return data({ error: "This post is too complex to format. Simplify it and try again." }, { status: 400 });
  }
}
