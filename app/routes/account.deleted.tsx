import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Account deleted · Partner Community" }];

/** Where a deletion lands, signed out: it says what happened (decision 023). */
export default function AccountDeleted() {
  return (
    <section className="stack narrow">
      <h1>Your account was deleted</h1>
      <p role="status">Your personal data was removed and you are signed out. A confirmation went to the address the account had.</p>
      <p>
        <a href="/">Back to the community</a>
      </p>
    </section>
  );
}
