import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { pageOf } from "../domain/forum/posts.server";
import { loadPostRef } from "../domain/forum/refs.server";
import { can } from "../domain/policy.server";

/** A post's permalink: lands on the page of its thread where the post is, scrolled to it. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const post = await loadPostRef(context.db, params.id ?? "");
  if (!post || !can(context.user, "forum.readPost", post)) throw new Response("That post does not exist.", { status: 404 });
  throw redirect(`/t/${post.thread.id}?page=${pageOf(post.postNumber)}#post-${post.postNumber}`);
}
