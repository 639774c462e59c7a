import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setFollowing, type FollowTarget } from "../domain/follow/follows.server";
import { asHttpError, requireUser, safeRedirect } from "../utils/http.server";

const schema = z.object({
  kind: z.enum(["user", "organization"]),
  id: z.string().min(1).max(64),
  following: z.enum(["true", "false"]),
  redirectTo: z.string().max(500).optional(),
});

/** Follow / unfollow a person or organization; the form posts here and goes back where it was. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("That follow request is not valid.", { status: 400 });
  const { kind, id, following, redirectTo } = parsed.data;
  let target: FollowTarget;
  if (kind === "user") target = { kind, id };
  else {
    const organizationId = Number(id);
    if (!Number.isInteger(organizationId) || organizationId <= 0) throw new Response("That organization does not exist.", { status: 404 });
    target = { kind, id: organizationId };
  }
  await setFollowing(context.db, user, target, following === "true").catch(asHttpError);
  return redirect(safeRedirect(redirectTo, "/following"));
}

export const loader = () => {
  throw new Response("Not found", { status: 404 });
};
