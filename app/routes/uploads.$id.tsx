import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { findServableUpload, NOT_FOUND_HEADERS, uploadHeaders } from "../domain/uploads/serve.server";

/** An uploaded image, for those who may see it; 404 for everyone else, as for a missing one. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const upload = await findServableUpload(context.db, context.user, params.id ?? "");
  if (!upload) return notFound();
  const headers = uploadHeaders(upload);
  if (request.headers.get("if-none-match")?.includes(`"${upload.id}"`)) {
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  if (request.method === "HEAD") return new Response(null, { headers });
  const file = await context.uploads.open(upload.id);
  if (!file) {
    context.log.error({ uploadId: upload.id }, "upload row without its file");
    return notFound();
  }
  return new Response(createReadableStreamFromReadable(file), { headers });
}

const notFound = () => new Response("Not found.", { status: 404, headers: NOT_FOUND_HEADERS });
