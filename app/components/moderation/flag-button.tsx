import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FlagFields } from "./flag-form";

type FlagResult = { flagged: true } | { errors: Partial<Record<string, string>>; values: Record<string, string> };

/**
 * "Flag" on a post: a native modal dialog (focus kept inside, Escape closes, focus returns to
 * the button). Before JavaScript runs it is a link to the flag page, which works without it.
 */
export function FlagButton({ postId, flagged }: { postId: string; flagged: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const fetcher = useFetcher<FlagResult>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const done = flagged || (fetcher.data !== undefined && "flagged" in fetcher.data);
  const failure = fetcher.data && "errors" in fetcher.data ? fetcher.data : undefined;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && "flagged" in fetcher.data) {
      dialog.current?.close();
      opener.current?.focus();
    }
  }, [fetcher.state, fetcher.data]);

  if (done) return <span className="muted">Flagged — thank you</span>;
  if (!hydrated) return <a href={`/flag/${postId}`}>Flag</a>;
  const titleId = `flag-title-${postId}`;
  return (
    <>
      <button type="button" ref={opener} className="link-button" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        Flag
      </button>
      <dialog ref={dialog} className="flag-dialog" aria-labelledby={titleId} onClose={() => opener.current?.focus()}>
        <fetcher.Form method="post" action={`/flag/${postId}`} className="stack">
          <h2 id={titleId} style={{ fontSize: "var(--step-1)", margin: 0 }}>
            Flag this post
          </h2>
          {failure?.errors.form ? (
            <p className="alert alert-error" role="alert">
              {failure.errors.form}
            </p>
          ) : null}
          <FlagFields postId={postId} errors={failure?.errors} values={failure?.values} />
          <div className="cluster">
            <button type="submit" disabled={fetcher.state !== "idle"}>
              Send flag
            </button>
            <button type="button" className="button-quiet" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </fetcher.Form>
      </dialog>
    </>
  );
}
