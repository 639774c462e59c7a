import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TokenProblemPage } from "../components/token-problem";
import { verifyEmail } from "../domain/accounts/email.server";
import { checkToken, type TokenProblem } from "../domain/accounts/tokens.server";
import { keepLinkCheckAfterSubmit } from "../utils/token-pages";

export const meta: MetaFunction = () => [{ title: "Confirm your email address · Partner Community" }];

const again = { href: "/settings/email", label: "Send a new confirmation link (from your email settings)" };

/**
 * Opening the link only shows a button: mail scanners open links too, and confirming on GET
 * would let one of them use the link up before its owner does.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = await checkToken(context.db, "verify_email", token);
  if (!check.ok) return data({ token, problem: check.problem as TokenProblem | null }, { status: check.problem === "invalid" ? 404 : 410 });
  return { token, problem: null };
}

export const shouldRevalidate = keepLinkCheckAfterSubmit;

export async function action({ request, context }: ActionFunctionArgs) {
  const token = String((await request.formData()).get("token") ?? "").slice(0, 200);
  const outcome = await verifyEmail(context.db, token);
  if (!outcome.ok) return data({ problem: outcome.problem as TokenProblem | null }, { status: 410 });
  return data({ problem: null, verified: true });
}

export default function VerifyEmail() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (result && "verified" in result) {
    return (
      <section className="stack narrow">
        <h1>Email address confirmed</h1>
        <div className="alert alert-success" role="status">
          Thank you: your email address is confirmed, and mail you chose to receive will now reach it.
        </div>
        <p>
          <a href="/">Go to the community</a>
        </p>
      </section>
    );
  }
  const problem = result?.problem ?? loaded.problem;
  if (problem) {
    return <TokenProblemPage title="This confirmation link cannot be used" problem={problem} again={again} />;
  }
  return (
    <section className="stack narrow">
      <h1>Confirm your email address</h1>
      <Form method="post">
        <input type="hidden" name="token" value={loaded.token} />
        <button type="submit" disabled={submitting}>
          {submitting ? "Confirming…" : "Confirm my email address"}
        </button>
      </Form>
    </section>
  );
}
