import type { TokenProblem } from "../domain/accounts/tokens.server";

const explanations: Record<TokenProblem | "taken", string> = {
  invalid: "This link is not valid. It may be incomplete: mail programs sometimes cut long links.",
  used: "This link was already used. Each link works once.",
  expired: "This link has expired.",
  taken: "Another account uses that email address now.",
};

/** The page for a link that cannot be used: what went wrong, and where to ask for a new one. */
export function TokenProblemPage({
  title,
  problem,
  again,
}: {
  title: string;
  problem: TokenProblem | "taken";
  again: { href: string; label: string };
}) {
  return (
    <section className="stack narrow">
      <h1>{title}</h1>
      <div className="alert alert-error stack-tight" role="alert">
        <p>{explanations[problem]}</p>
        <p>
          <a href={again.href}>{again.label}</a>
        </p>
      </div>
    </section>
  );
}
