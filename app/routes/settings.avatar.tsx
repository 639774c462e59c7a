import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Avatar } from "../components/avatar";
import { FormAlert, TextField } from "../components/forms";
import { avatarIdOfUser, removeAvatar } from "../domain/uploads/avatars.server";
import { UploadError } from "../domain/uploads/errors";
import { ACCEPTED_IMAGE_TYPES, AVATAR_SIZE, MAX_UPLOAD_LABEL } from "../domain/uploads/limits";
import { readImageForm } from "../domain/uploads/multipart.server";
import { assertMayUpload, storeUpload } from "../domain/uploads/uploads.server";
import { authorizeRequest, invalid, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your picture · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { user: { displayName: user.displayName, avatarId: await avatarIdOfUser(context.db, user.id) } };
}

/** Uploading is a multipart form; removing is a plain one with intent=remove. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "profile.edit", { id: user.id });
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    const form = await request.formData();
    if (form.get("intent") !== "remove") return invalid({ form: "Unknown action." }, {});
    await removeAvatar(context.db, context.uploads, user);
    return data({ saved: "removed" as const });
  }
  try {
    await assertMayUpload(context.db, user);
    const { image } = await readImageForm(request);
    await storeUpload(context.db, context.uploads, { actor: user, kind: "avatar", data: image });
    return data({ saved: "uploaded" as const });
  } catch (error) {
    if (error instanceof UploadError) return invalid({ file: error.message }, {}, error.status);
    throw error;
  }
}

export default function AvatarSettings() {
  const { user } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { saved: "uploaded" | "removed" }>();
  const errors = result && "errors" in result ? result.errors : {};
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <section className="stack narrow">
      <h1>Your picture</h1>
      <p className="muted">
        Shown beside your name in the forum and the directory, and visible to everyone. Without one, people see your initials. <a href="/settings/profile">Edit the rest of your profile</a>
      </p>
      {result && "saved" in result ? (
        <div className="alert alert-success" role="status">
          {result.saved === "uploaded" ? "Picture saved." : "Picture removed."}
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <div className="cluster">
        <Avatar user={user} size="large" />
        <span>{user.avatarId ? "Your current picture" : "No picture yet"}</span>
      </div>
      <Form method="post" encType="multipart/form-data" className="form">
        <TextField
          label={user.avatarId ? "Replace it with" : "Upload a picture"}
          name="file"
          type="file"
          accept={ACCEPTED_IMAGE_TYPES}
          required
          error={errors.file}
          hint={`JPEG, PNG, WebP or GIF, up to ${MAX_UPLOAD_LABEL}. We crop it to a ${AVATAR_SIZE} × ${AVATAR_SIZE} square and remove its location and camera details.`}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy && navigation.formEncType === "multipart/form-data" ? "Uploading…" : "Save picture"}
          </button>
        </div>
      </Form>
      {user.avatarId ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button-quiet" disabled={busy}>
            Remove picture
          </button>
        </Form>
      ) : null}
    </section>
  );
}
