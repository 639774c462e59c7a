import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { mentoringLinks } from "../components/mentoring/links";
import { MentorshipSpace, type SpaceFailure } from "../components/mentoring/space";
import { DomainError } from "../domain/errors";
import { giveFeedback } from "../domain/mentoring/feedback.server";
import { addNote, endMentorship } from "../domain/mentoring/mentorships.server";
import { mentorshipSpace } from "../domain/mentoring/queries.server";
import { acceptRequest, declineRequest, withdrawRequest } from "../domain/mentoring/requests.server";
import { confirmSession, logSession } from "../domain/mentoring/sessions.server";
import { formInput } from "../domain/mentoring/validation";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Mentorship · Partner Community" }];
export const links = mentoringLinks;

/** Only its two people and admins see a mentorship; anyone else gets the 404 of a missing page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const space = await mentorshipSpace(context.db, user, params.id ?? "").catch(asHttpError);
  return { ...space, viewerId: user.id, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const input = formInput(formData, ["topics"]);
  try {
    switch (intent) {
      case "accept":
        await acceptRequest(context.db, user, id);
        break;
      case "decline":
        await declineRequest(context.db, user, id, input);
        break;
      case "withdraw":
        await withdrawRequest(context.db, user, id);
        break;
      case "note":
        await addNote(context.db, user, id, input, { render: context.renderMarkdown });
        break;
      case "log-session":
        await logSession(context.db, user, id, input);
        break;
      case "confirm-session":
        await confirmSession(context.db, user, id, Number(formData.get("sessionId")));
        break;
      case "end":
        await endMentorship(context.db, user, id, input);
        break;
      case "feedback":
        await giveFeedback(context.db, user, id, input);
        break;
      default:
        throw new DomainError("Choose one of the buttons on the page.", 400);
    }
    return data({ done: intent });
  } catch (error) {
    return refusal(error, { ...formValues(formData), intent });
  }
}

export default function Mentorship() {
  const space = useLoaderData<typeof loader>();
  const result = useActionData<SpaceFailure | { done: string }>();
  return <MentorshipSpace space={space} result={result} />;
}
