import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TokenProblemPage } from "../components/token-problem";
import { confirmEmailChange } from "../domain/accounts/email.server";
import { checkToken, type TokenProblem } from "../domain/accounts/tokens.server";
import { keepLinkCheckAfterSubmit } from "../utils/token-pages";

export const meta: MetaFunction = () => [{ title: "Confirm your new email address · Partner Community" }];

const again = { href: "/settings/email", label: "Ask again from your email settings" };

/** As with verification, opening the link shows a button; the change happens on the POST. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = await checkToken(context.db, "change_email", token);
  if (!check.ok) return data({ token, email: null, problem: check.problem as TokenProblem | "taken" | null }, { status: check.problem === "invalid" ? 404 : 410 });
  return { token, email: check.token.email, problem: null };
}

export const shouldRevalidate = keepLinkCheckAfterSubmit;

export async function action({ request, context }: ActionFunctionArgs) {
  const token = String((await request.formData()).get("token") ?? "").slice(0, 200);
  const outcome = await confirmEmailChange(context.db, token);
  if (!outcome.ok) return data({ problem: outcome.problem as TokenProblem | "taken" | null, email: null }, { status: outcome.problem === "taken" ? 409 : 410 });
  return data({ problem: null, email: outcome.email });
}

export default function ConfirmEmailChange() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (result?.email) {
    return (
      <section className="stack narrow">
        <h1>Email address changed</h1>
        <div className="alert alert-success" role="status">
          Your account now uses {result.email}. We let your previous address know.
        </div>
        <p>
          <a href="/settings/email">Email settings</a>
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
      <h1>Confirm your new email address</h1>
      <p>Your account will use {loaded.email} from now on.</p>
      <Form method="post">
        <input type="hidden" name="token" value={loaded.token} />
        <button type="submit" disabled={submitting}>
          Use this address
        </button>
      </Form>
    </section>
  );
}
