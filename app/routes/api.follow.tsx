import { data, redirect, type ActionFunctionArgs, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "../domain/accounts/auth.server";
import { getUser } from "../domain/accounts/users.server";
import { DomainError } from "../domain/errors";
import { removeBookmark, saveBookmark } from "../domain/follow/bookmarks.server";
import { reminderTime } from "../domain/follow/reminders";
import { followSchema, type FollowInput } from "../domain/follow/validation";
import { setCategoryWatch, setThreadWatch } from "../domain/follow/watches.server";
import { requireUser, safeRedirect } from "../utils/http.server";

/**
 * Watch levels and bookmarks, for the follow controls. With JavaScript (a fetcher, `js=1`) the
 * answer is data; without it, the browser goes back to `redirectTo`.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = Object.fromEntries(await request.formData());
  const withScript = form.js === "1";
  const back = () => redirect(safeRedirect(form.redirectTo));
  const parsed = followSchema.safeParse(form);
  if (!parsed.success) {
    if (!withScript) throw new Response("That request was not understood.", { status: 400 });
    return data({ error: parsed.error.issues[0]?.message ?? "That request was not understood." }, { status: 400 });
  }
  try {
    await apply(context, user, parsed.data);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (!withScript) throw new Response(error.message, { status: error.status });
    return data({ error: error.message }, { status: error.status });
  }
  return withScript ? data({ ok: true as const }) : back();
}

async function apply(context: AppLoadContext, user: SessionUser, input: FollowInput) {
  switch (input.intent) {
    case "watch-thread":
      return setThreadWatch(context.db, user, input.threadId, input.level);
    case "watch-category":
      return setCategoryWatch(context.db, user, input.categoryId, input.level);
    case "unbookmark":
      return removeBookmark(context.db, user, input.postId);
    case "bookmark": {
      let remindAt: Date | null | undefined;
      if (input.remind !== "keep") {
        const { time_zone } = await getUser(context.db, user.id);
        remindAt = reminderTime(input.remind, { custom: input.remindAt, timeZone: time_zone });
        if (input.remind === "custom" && !remindAt) throw new DomainError("Choose the date and time for the reminder.", 400, "remindAt");
      }
      return saveBookmark(context.db, user, { postId: input.postId, remindAt, note: input.note });
    }
  }
}
