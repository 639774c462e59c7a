import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, SelectField, TextAreaField, TextField } from "../components/forms";
import { AwardsList } from "../components/moderation/awards-list";
import { awardSchema, grantAward, listAwards, revokeAward, revokeSchema } from "../domain/moderation/awards.server";
import { getSettings } from "../domain/moderation/settings.server";
import { manualBadgesIn } from "../domain/recognition/definitions";
import { currentRules } from "../domain/recognition/rules.server";
import { parseForm } from "../utils/forms";
import { authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Recognition awards · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.access", undefined, { hide: true });
  const [awards, settings, rules] = await Promise.all([listAwards(context.db, { includeRevoked: true }), getSettings(context.db), currentRules(context.db)]);
  const badges = manualBadgesIn(rules.rules).filter((badge) => badge.enabled);
  return { awards, adminThreshold: settings.awardAdminThreshold, isAdmin: user.role === "admin", badges };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.access", undefined, { hide: true });
  const formData = await request.formData();
  try {
    if (formData.get("intent") === "revoke") {
      const form = parseForm(revokeSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      await revokeAward(context.db, user, form.data);
      return data({ done: "Award revoked." });
    }
    const form = parseForm(awardSchema, formData);
    if (!form.ok) return invalid(form.errors, form.values);
    try {
      await grantAward(context.db, user, { ...form.data, postId: form.data.postId || undefined });
    } catch (error) {
      return refusal(error, form.values);
    }
    return data({ done: `Awarded to @${form.data.recipient.replace(/^@/, "")}.` });
  } catch (error) {
    return refusal(error);
  }
}

export default function Awards() {
  const { awards, adminThreshold, isAdmin, badges } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const [params] = useSearchParams();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const kind = values.kind === "points" ? "points" : "badge";
  return (
    <section className="stack">
      <h1>Recognition awards</h1>
      <FormAlert message={errors.form ?? errors.kind} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <Form method="post" className="form card stack" noValidate>
        <h2>Award someone</h2>
        <TextField label="Recipient (@handle)" name="recipient" defaultValue={values.recipient ?? params.get("to") ?? ""} error={errors.recipient} autoComplete="off" />
        <fieldset className="stack-tight">
          <legend>Award</legend>
          <label className="cluster">
            <input type="radio" name="kind" value="badge" defaultChecked={kind === "badge"} /> A badge
          </label>
          <label className="cluster">
            <input type="radio" name="kind" value="points" defaultChecked={kind === "points"} /> Points
          </label>
        </fieldset>
        <SelectField label="Badge (for a badge)" name="badge" defaultValue={values.badge ?? ""} error={errors.badge} hint="Badges moderators award by hand; the others are earned automatically.">
          <option value="">Choose a badge…</option>
          {badges.map((badge) => (
            <option key={badge.id} value={badge.id}>
              {badge.name}: {badge.description}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Points (for points)"
          name="points"
          type="number"
          min={1}
          defaultValue={values.points}
          error={errors.points}
          hint={isAdmin ? undefined : `Above ${adminThreshold} points an admin awards.`}
        />
        <TextAreaField label="Reason (shown on their profile)" name="reason" rows={3} maxLength={500} defaultValue={values.reason} error={errors.reason} />
        <TextField label="For a post (id, optional)" name="postId" defaultValue={values.postId ?? params.get("post") ?? ""} error={errors.postId} hint="The id in the post's address /p/…" />
        <button type="submit">Award</button>
      </Form>
      <section className="stack-tight" aria-labelledby="recent-awards">
        <h2 id="recent-awards">Recent awards</h2>
        <AwardsList
          awards={awards}
          showRecipient
          tools={(award) =>
            award.revoked_at ? null : (
              <Form method="post" className="mod-actions">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="awardId" value={award.id} />
                <div className="field">
                  <label htmlFor={`revoke-${award.id}`}>Reason to revoke</label>
                  <input id={`revoke-${award.id}`} name="reason" maxLength={500} />
                </div>
                <button type="submit" className="button-quiet">
                  Revoke
                </button>
              </Form>
            )
          }
        />
      </section>
    </section>
  );
}
