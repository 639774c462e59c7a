import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { mentoringLinks } from "../components/mentoring/links";
import { MentorshipList } from "../components/mentoring/mentorship-list";
import { mentoringDashboard } from "../domain/mentoring/queries.server";
import { can } from "../domain/policy.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Mentoring · Partner Community" }];
export const links = mentoringLinks;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { ...(await mentoringDashboard(context.db, user)), administers: can(user, "mentoring.administer") };
}

export default function MentoringDashboard() {
  const { profile, mentees, mentors, received, sent, administers } = useLoaderData<typeof loader>();
  const activeMentees = mentees.filter((m) => m.status === "active").length;
  return (
    <section className="stack">
      <div className="spread">
        <h1>Mentoring</h1>
        <div className="cluster">
          <a className="button" href="/mentoring/find">
            Find a mentor
          </a>
          <a className="button button-quiet" href="/mentoring/profile">
            {profile ? "Edit mentor profile" : "Become a mentor"}
          </a>
          {administers ? (
            <a className="button button-quiet" href="/admin/mentoring">
              Programme overview
            </a>
          ) : null}
        </div>
      </div>
      {profile ? (
        <p className="muted">
          {profile.accepting ? "You are accepting mentees" : "You are not accepting new mentees"} · {activeMentees} of {profile.capacity} places taken
        </p>
      ) : null}
      <div className="mentoring-columns">
        <section className="stack" aria-labelledby="received-heading">
          <h2 id="received-heading">Requests to you</h2>
          <MentorshipList items={received} show="mentee" empty="No requests waiting for you." />
        </section>
        <section className="stack" aria-labelledby="sent-heading">
          <h2 id="sent-heading">Your requests</h2>
          <MentorshipList items={sent} show="mentor" empty="No open requests. Find a mentor to send one." />
        </section>
        <section className="stack" aria-labelledby="mentees-heading">
          <h2 id="mentees-heading">My mentees</h2>
          <MentorshipList items={mentees} show="mentee" empty="No mentees yet." />
        </section>
        <section className="stack" aria-labelledby="mentors-heading">
          <h2 id="mentors-heading">My mentors</h2>
          <MentorshipList items={mentors} show="mentor" empty="No mentors yet." />
        </section>
      </div>
    </section>
  );
}
