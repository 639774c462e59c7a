import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

export type DraftStatus = "idle" | "restored" | "saving" | "saved" | "error";

interface StoredDraft {
  title: string;
  body: string;
}

const endpoint = (key: string) => `/api/drafts?key=${encodeURIComponent(key)}`;

function send(key: string, title: string, body: string) {
  const form = new FormData();
  form.set("key", key);
  form.set("title", title);
  form.set("body", body);
  // keepalive: a save started as the page goes away still arrives.
  return fetch("/api/drafts", { method: "POST", body: form, keepalive: true });
}

/**
 * Keeps a composer's text on the server while typing (saved `delayMs` after the last keystroke)
 * and restores it on mount, on any device, unless the field already has text. A pending save is
 * dropped when the form is submitted, so a published post does not come back as a draft; the
 * server deletes the draft when it publishes (discardDraft).
 */
export function useServerDraft(
  key: string,
  bodyRef: RefObject<HTMLTextAreaElement>,
  options: { titleRef?: RefObject<HTMLInputElement>; enabled?: boolean; delayMs?: number } = {},
) {
  const { titleRef, enabled = true, delayMs = 1000 } = options;
  const [status, setStatus] = useState<DraftStatus>("idle");
  const pending = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    const body = bodyRef.current;
    if (!enabled || !body) return;
    const title = titleRef?.current ?? null;
    const controller = new AbortController();
    let typed = false;

    fetch(endpoint(key), { signal: controller.signal, headers: { accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<{ draft: StoredDraft | null }>) : null))
      .then((result) => {
        const draft = result?.draft;
        // What the person typed meanwhile wins over what the server had.
        if (!draft || typed) return;
        if (!body.value) body.value = draft.body;
        if (title && !title.value) title.value = draft.title;
        setStatus("restored");
      })
      .catch(() => {});

    const save = () => {
      pending.current = undefined;
      setStatus("saving");
      send(key, title?.value ?? "", body.value).then(
        (response) => setStatus(response.ok ? "saved" : "error"),
        () => setStatus("error"),
      );
    };
    const onInput = () => {
      typed = true;
      clearTimeout(pending.current);
      pending.current = setTimeout(save, delayMs);
    };
    const onSubmit = () => {
      clearTimeout(pending.current);
      pending.current = undefined;
    };
    const form = body.form;
    body.addEventListener("input", onInput);
    title?.addEventListener("input", onInput);
    form?.addEventListener("submit", onSubmit);
    return () => {
      controller.abort();
      body.removeEventListener("input", onInput);
      title?.removeEventListener("input", onInput);
      form?.removeEventListener("submit", onSubmit);
      // Leaving the page (or the key changing) with unsaved typing: save it now.
      if (pending.current) {
        clearTimeout(pending.current);
        pending.current = undefined;
        void send(key, title?.value ?? "", body.value).catch(() => {});
      }
    };
  }, [key, bodyRef, titleRef, enabled, delayMs]);

  /** Forgets the draft here and on the server (a "Discard" button). */
  const discard = useCallback(async () => {
    clearTimeout(pending.current);
    pending.current = undefined;
    if (bodyRef.current) bodyRef.current.value = "";
    if (titleRef?.current) titleRef.current.value = "";
    setStatus("idle");
    await fetch(endpoint(key), { method: "DELETE" }).catch(() => {});
  }, [key, bodyRef, titleRef]);

  return { status, discard };
}
