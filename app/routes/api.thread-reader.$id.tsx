import type { LoaderFunctionArgs } from "@remix-run/node";
import { readerParts, type ReaderParts } from "../domain/forum/thread-reader.server";
import { viewerHeader } from "../domain/header.server";
import { asHttpError } from "../utils/http.server";

/**
 * The reader's own parts of a thread page and of the header, as JSON (decision 044): what a
 * page rendered for the reader's audience lacks. Never cached: it is this reader's alone.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const reader = context.user;
  if (!reader) throw new Response("Sign in to see your part of this page.", { status: 401 });
  const requested = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const [parts, header] = await Promise.all([
    readerParts(context.db, reader, params.id ?? "", Number.isInteger(requested) ? requested : 1).catch(asHttpError),
    viewerHeader(context.db, reader),
  ]);
  return Response.json({ ...parts, header }, { headers: { "Cache-Control": "private, no-store" } });
}

export type ReaderPartsResponse = ReaderParts & { header: Awaited<ReturnType<typeof viewerHeader>> };
