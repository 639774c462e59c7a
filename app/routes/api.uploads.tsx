import type { ActionFunctionArgs } from "@remix-run/node";
import { UploadError } from "../domain/uploads/errors";
import { readImageForm } from "../domain/uploads/multipart.server";
import { assertMayUpload, storeUpload } from "../domain/uploads/uploads.server";

/**
 * POST multipart/form-data with `file`: stores an image for a post and answers
 * `201 { id, url, width, height }`, or `{ error }` with 400, 401, 403, 413 or 429. The image is a
 * preview for its uploader until a post that shows it is saved.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
  const user = context.user;
  if (!user) return Response.json({ error: "Log in to upload images." }, { status: 401 });
  try {
    await assertMayUpload(context.db, user);
    const { image } = await readImageForm(request);
    const upload = await storeUpload(context.db, context.uploads, { actor: user, kind: "attachment", data: image });
    return Response.json({ id: upload.id, url: upload.url, width: upload.width, height: upload.height }, { status: 201 });
  } catch (error) {
    if (error instanceof UploadError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
