import { useEffect, useRef, useState, type RefObject } from "react";
import { ACCEPTED_IMAGE_TYPES, MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "../domain/uploads/limits";

const PLACEHOLDER = "image description";

/**
 * "Add image": uploads a picture and writes `![image description](/uploads/<id>)` into the
 * textarea at the cursor, with the description selected so typing replaces it. Needs JavaScript,
 * so it renders nothing until hydrated.
 */
export function UploadButton({ target }: { target: RefObject<HTMLTextAreaElement> }) {
  const picker = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;

  async function upload(file: File) {
    setError(null);
    if (file.size > MAX_UPLOAD_BYTES) return setError(`Images can be at most ${MAX_UPLOAD_LABEL}.`);
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const response = await fetch("/api/uploads", { method: "POST", body });
      const result = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
      if (!response.ok || !result.url) return setError(result.error ?? "The upload failed. Try again.");
      if (target.current) insertImage(target.current, result.url);
    } catch {
      setError("The upload failed. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="cluster">
      <input
        ref={picker}
        type="file"
        accept={ACCEPTED_IMAGE_TYPES}
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void upload(file);
        }}
      />
      <button type="button" className="link-button" disabled={busy} onClick={() => picker.current?.click()}>
        {busy ? "Uploading…" : "Add image"}
      </button>
      <span role="status" className={error ? "field-error" : "visually-hidden"}>
        {error ?? (busy ? "Uploading image" : "")}
      </span>
    </span>
  );
}

function insertImage(textarea: HTMLTextAreaElement, url: string) {
  const markdown = `![${PLACEHOLDER}](${url})`;
  const start = textarea.selectionStart;
  const before = textarea.value.slice(0, start);
  const text = before && !before.endsWith("\n") ? `\n${markdown}\n` : `${markdown}\n`;
  textarea.setRangeText(text, start, textarea.selectionEnd, "end");
  const altStart = start + text.indexOf(PLACEHOLDER);
  textarea.focus();
  textarea.setSelectionRange(altStart, altStart + PLACEHOLDER.length);
  // As if typed: React's onChange (preview, drafts) sees the new text.
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}
