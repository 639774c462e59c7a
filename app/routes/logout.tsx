import { redirect, type ActionFunctionArgs } from "@remix-run/node";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (!context.sessionId) return redirect("/");
  const cookie = await context.auth.endSession(context.sessionId);
  await context.realtime.disconnectSession(context.sessionId);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
