import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useSuggestions } from "./use-suggestions";

type Person = { handle: string; display_name: string };

/**
 * Suggests people while "@name" is typed in a textarea: arrow keys move, Enter or Tab inserts
 * the handle, Escape closes. The textarea stays a plain textarea without JavaScript.
 */
export function MentionAutocomplete({ textareaId }: { textareaId: string }) {
  const suggestions = useSuggestions<{ people: Person[] }>();
  const { load } = suggestions;
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const insertRef = useRef<(person: Person) => void>(() => {});
  const people = useMemo(() => (query === null ? [] : (suggestions.data?.people ?? [])), [query, suggestions.data]);

  useEffect(() => {
    const textarea = document.getElementById(textareaId) as HTMLTextAreaElement | null;
    if (!textarea) return;
    const currentQuery = () => {
      const before = textarea.value.slice(0, textarea.selectionStart);
      const match = /(^|\s)@([\p{L}\p{N}_-]{1,40})$/u.exec(before);
      return match ? match[2]! : null;
    };
    const onInput = () => {
      const next = currentQuery();
      setQuery(next);
      setActive(0);
      if (next) load(`/api/mentions?q=${encodeURIComponent(next)}`);
    };
    textarea.addEventListener("input", onInput);
    textarea.setAttribute("aria-autocomplete", "list");
    return () => textarea.removeEventListener("input", onInput);
  }, [textareaId, load]);

  useEffect(() => {
    const textarea = document.getElementById(textareaId) as HTMLTextAreaElement | null;
    if (!textarea) return;
    const open = people.length > 0;
    // A textarea cannot take aria-expanded (it is no combobox); it points at the list and the
    // highlighted option instead, which screen readers announce as the selection moves.
    if (open) {
      textarea.setAttribute("aria-controls", listId);
      textarea.setAttribute("aria-activedescendant", `${listId}-${active}`);
    } else {
      textarea.removeAttribute("aria-controls");
      textarea.removeAttribute("aria-activedescendant");
    }
    const insert = (person: Person) => {
      const caret = textarea.selectionStart;
      const before = textarea.value.slice(0, caret).replace(/@[\p{L}\p{N}_-]{1,40}$/u, `@${person.handle} `);
      textarea.value = before + textarea.value.slice(caret);
      textarea.selectionStart = textarea.selectionEnd = before.length;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      setQuery(null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (!open) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((i) => (i + (event.key === "ArrowDown" ? 1 : people.length - 1)) % people.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        insert(people[active]!);
      } else if (event.key === "Escape") {
        setQuery(null);
      }
    };
    textarea.addEventListener("keydown", onKey);
    insertRef.current = insert;
    return () => textarea.removeEventListener("keydown", onKey);
  }, [people, active, textareaId, listId]);

  if (people.length === 0) return null;
  return (
    <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list">
      {people.map((person, index) => (
        <li
          key={person.handle}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === active}
          onMouseDown={(event) => {
            event.preventDefault();
            insertRef.current(person);
          }}
        >
          <strong>@{person.handle}</strong> <span className="muted">{person.display_name}</span>
        </li>
      ))}
    </ul>
  );
}
