import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { discardDraft, draftInput, draftKey, getDraft, saveDraft } from "../domain/follow/drafts.server";

/**
 * Drafts kept on the server while typing, so a composer restores on any device.
 * GET ?key= reads one, POST (key, title, body, data as JSON) saves, DELETE ?key= discards.
 * Called with fetch by useServerDraft; answers JSON, 401 when signed out.
 */
const signedOut = () => Response.json({ error: "Log in to keep drafts." }, { status: 401 });
const badKey = () => Response.json({ error: "Unknown draft." }, { status: 400 });

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.user) return signedOut();
  const key = draftKey.safeParse(new URL(request.url).searchParams.get("key"));
  if (!key.success) return badKey();
  return Response.json({ draft: await getDraft(context.db, context.user.id, key.data) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.user) return signedOut();
  if (request.method === "DELETE") {
    const key = draftKey.safeParse(new URL(request.url).searchParams.get("key"));
    if (!key.success) return badKey();
    await discardDraft(context.db, context.user.id, key.data);
    return Response.json({ ok: true });
  }
  if (request.method !== "POST") return Response.json({ error: "Method not allowed." }, { status: 405 });
  const form = await request.formData();
  let extra: unknown = {};
  try {
    extra = JSON.parse(String(form.get("data") ?? "{}"));
  } catch {
    return Response.json({ error: "Draft data must be JSON." }, { status: 400 });
  }
  const input = draftInput.safeParse({ key: form.get("key"), title: form.get("title") ?? "", body: form.get("body") ?? "", data: extra });
  if (!input.success) return Response.json({ error: input.error.issues[0]?.message ?? "Invalid draft." }, { status: 400 });
  await saveDraft(context.db, context.user.id, input.data);
  return Response.json({ ok: true });
}
