import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { watchLevelLabels, watchLevels, type WatchLevel } from "../../domain/follow/kinds";
import { reminderPresets } from "../../domain/follow/reminders";
import { FormAlert } from "../forms";
import { RelativeTime } from "../time";

type FollowResult = { ok: true } | { error: string };

/**
 * Hidden fields for /api/follow: with JavaScript the fetcher gets data back; without it the
 * browser is sent back to the page it came from.
 */
function ReturnFields() {
  const location = useLocation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? <input type="hidden" name="js" value="1" /> : <input type="hidden" name="redirectTo" value={location.pathname + location.search} />;
}

const errorOf = (data: FollowResult | undefined) => (data && "error" in data ? data.error : undefined);

/** The thread's notification level; changing the choice saves it. */
export function ThreadFollowControls({
  threadId,
  level,
  levelSource,
}: {
  threadId: string;
  level: WatchLevel;
  levelSource: "thread" | "category" | "default";
}) {
  const fetcher = useFetcher<FollowResult>();
  const id = useId();
  const pending = fetcher.formData?.get("level");
  const shown = (typeof pending === "string" && (watchLevels as readonly string[]).includes(pending) ? pending : level) as WatchLevel;
  return (
    <fetcher.Form method="post" action="/api/follow" className="follow-controls stack-tight">
      <input type="hidden" name="intent" value="watch-thread" />
      <input type="hidden" name="threadId" value={threadId} />
      <ReturnFields />
      <div className="cluster">
        <label htmlFor={id}>Notifications</label>
        <select id={id} name="level" value={shown} aria-describedby={`${id}-hint`} onChange={(event) => fetcher.submit(event.currentTarget.form)}>
          {watchLevels.map((option) => (
            <option key={option} value={option}>
              {watchLevelLabels[option].label}
            </option>
          ))}
        </select>
        <noscript>
          <button type="submit" className="button-quiet">
            Save
          </button>
        </noscript>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {watchLevelLabels[shown].hint}
        {levelSource === "category" && shown === level ? " (set for the whole category)" : ""}
      </p>
      <FormAlert message={errorOf(fetcher.data)} />
    </fetcher.Form>
  );
}

/** One click bookmarks a post; once bookmarked, a menu sets a reminder or removes it. */
export function BookmarkButton({
  postId,
  bookmark,
}: {
  postId: string;
  bookmark: { remindAt: string | Date | null; note?: string } | null | undefined;
}) {
  const fetcher = useFetcher<FollowResult>();
  const id = useId();
  const [preset, setPreset] = useState<string>(bookmark?.remindAt ? "keep" : "none");
  const intent = fetcher.formData?.get("intent");
  const bookmarked = intent === "unbookmark" ? false : intent === "bookmark" ? true : Boolean(bookmark);
  if (!bookmarked) {
    return (
      <fetcher.Form method="post" action="/api/follow">
        <input type="hidden" name="intent" value="bookmark" />
        <input type="hidden" name="postId" value={postId} />
        <ReturnFields />
        <button type="submit" className="link-button">
          Bookmark
        </button>
        <FormAlert message={errorOf(fetcher.data)} />
      </fetcher.Form>
    );
  }
  return (
    <details className="follow-controls">
      <summary>
        Bookmarked
        {bookmark?.remindAt ? (
          <>
            {" "}
            · reminder <RelativeTime date={bookmark.remindAt} />
          </>
        ) : null}
      </summary>
      <div className="stack-tight">
        <fetcher.Form method="post" action="/api/follow" className="form stack-tight">
          <input type="hidden" name="intent" value="bookmark" />
          <input type="hidden" name="postId" value={postId} />
          <ReturnFields />
          <div className="field">
            <label htmlFor={`${id}-remind`}>Remind me</label>
            <select id={`${id}-remind`} name="remind" value={preset} onChange={(event) => setPreset(event.currentTarget.value)}>
              {bookmark?.remindAt ? <option value="keep">Keep the current reminder</option> : null}
              {Object.entries(reminderPresets).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-at`}>Reminder time</label>
            <p className="field-hint" id={`${id}-at-hint`}>
              For “At a time I choose”, in your profile’s time zone.
            </p>
            <input id={`${id}-at`} type="datetime-local" name="remindAt" aria-describedby={`${id}-at-hint`} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note</label>
            <input id={`${id}-note`} name="note" maxLength={500} defaultValue={bookmark?.note ?? ""} />
          </div>
          <div>
            <button type="submit">Save bookmark</button>
          </div>
        </fetcher.Form>
        <fetcher.Form method="post" action="/api/follow">
          <input type="hidden" name="intent" value="unbookmark" />
          <input type="hidden" name="postId" value={postId} />
          <ReturnFields />
          <button type="submit" className="link-button">
            Remove bookmark
          </button>
        </fetcher.Form>
        <FormAlert message={errorOf(fetcher.data)} />
      </div>
    </details>
  );
}

/** A category's level, for category pages and the settings page. */
export function CategoryWatchSelect({ categoryId, level, label = "Notifications" }: { categoryId: number; level: WatchLevel; label?: string }) {
  const fetcher = useFetcher<FollowResult>();
  const id = useId();
  const pending = fetcher.formData?.get("level");
  const shown = (typeof pending === "string" ? pending : level) as WatchLevel;
  return (
    <fetcher.Form method="post" action="/api/follow" className="follow-controls cluster">
      <input type="hidden" name="intent" value="watch-category" />
      <input type="hidden" name="categoryId" value={categoryId} />
      <ReturnFields />
      <label htmlFor={id}>{label}</label>
      <select id={id} name="level" value={shown} onChange={(event) => fetcher.submit(event.currentTarget.form)}>
        {watchLevels.map((option) => (
          <option key={option} value={option}>
            {watchLevelLabels[option].label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="button-quiet">
          Save
        </button>
      </noscript>
      <FormAlert message={errorOf(fetcher.data)} />
    </fetcher.Form>
  );
}
