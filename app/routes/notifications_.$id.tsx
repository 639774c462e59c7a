import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { markNotificationRead } from "../domain/follow/notifications.server";
import { notFoundResponse, requireUser } from "../utils/http.server";

/**
 * Opening a notification: marks it read, then goes to its post. A GET on purpose, so it works
 * as a plain link (new tab, no JavaScript); marking one's own notification read is harmless.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const id = Number(params.id);
  const notification = Number.isSafeInteger(id) ? await markNotificationRead(context.db, user, id) : null;
  // Recognition notices lead to a page of ours (a local path, never another site).
  const href = notification?.href;
  if (href && !notification.postId && href.startsWith("/") && !href.startsWith("//")) throw redirect(href);
  if (!notification?.postId) throw notFoundResponse("That notification does not exist.");
  throw redirect(`/p/${notification.postId}`);
}
