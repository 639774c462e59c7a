import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { UploadButton } from "./upload-button";

/**
 * A Markdown textarea with a live preview rendered by the server (the same sanitizer as posting),
 * so what people see is exactly what will be stored. Without JavaScript it is a plain textarea.
 */
export function MarkdownEditor({
  name,
  label,
  defaultValue,
  error,
  rows = 10,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  error?: string;
  rows?: number;
}) {
  const id = useId();
  const preview = useFetcher<{ html: string } | { error: string }>();
  const [source, setSource] = useState(defaultValue ?? "");
  const [showPreview, setShowPreview] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!showPreview) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      preview.submit({ body: source }, { method: "post", action: "/api/preview" });
    }, 300);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher object changes every render
  }, [source, showPreview]);

  return (
    <div className="field">
      <div className="cluster spread">
        <label htmlFor={id}>{label}</label>
        <span className="cluster">
          <UploadButton target={textarea} />
          <button type="button" className="link-button" aria-pressed={showPreview} onClick={() => setShowPreview((v) => !v)}>
            {showPreview ? "Hide preview" : "Show preview"}
          </button>
        </span>
      </div>
      <textarea
        ref={textarea}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        onChange={(event) => setSource(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {showPreview ? (
        <section className="card preview" aria-label="Preview" aria-live="polite">
          {preview.data && "html" in preview.data ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
          ) : preview.data && "error" in preview.data ? (
            <p className="field-error">{preview.data.error}</p>
          ) : (
            <p className="muted">Nothing to preview yet.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
