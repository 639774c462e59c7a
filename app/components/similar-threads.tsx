import { useEffect, useRef } from "react";
import { useSuggestions } from "./use-suggestions";

/** Suggests existing threads while a title is typed (progressive enhancement: silent without JS). */
export function SimilarThreads({ inputName }: { inputName: string }) {
  const { data, load } = useSuggestions<{ threads: { id: string; title: string; slug: string; accepted_post_id: string | null }[] }>();
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = anchor.current?.closest("form");
    const input = form?.querySelector<HTMLInputElement>(`input[name="${inputName}"]`);
    if (!input) return;
    let timer: ReturnType<typeof setTimeout>;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (input.value.trim().length >= 5) load(`/api/similar-threads?title=${encodeURIComponent(input.value)}`);
      }, 350);
    };
    input.addEventListener("input", onInput);
    return () => {
      clearTimeout(timer);
      input.removeEventListener("input", onInput);
    };
  }, [inputName, load]);
  const threads = data?.threads ?? [];
  return (
    <div ref={anchor} aria-live="polite">
      {threads.length ? (
        <div className="card similar">
          <p>
            <strong>Similar threads</strong>: maybe your question already has an answer.
          </p>
          <ul>
            {threads.map((thread) => (
              <li key={thread.id}>
                <a href={`/t/${thread.id}/${thread.slug}`} target="_blank" rel="noreferrer">
                  {thread.title}
                </a>
                {thread.accepted_post_id ? <span className="badge badge-solved">Solved</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
