import { useEffect } from "react";

const KEY = "__textTypedBeforeHydration";

/**
 * Text typed into a prefilled textarea (the edit form) before the page's JavaScript has run is
 * lost: React's hydration sets a textarea's value back to its server-rendered text. This inline
 * script records what is typed until then, and the effect puts it back once hydration is done.
 * Inputs need none of this: React leaves a hydrated input's value alone.
 */
const RECORD_INPUT = `(function(){var typed=new Map();window.${KEY}=typed;document.addEventListener("input",function(event){var target=event.target;if(window.${KEY}&&target&&target.tagName==="TEXTAREA")typed.set(target,target.value)},true)})();`;

const setTextareaValue = Object.getOwnPropertyDescriptor(globalThis.HTMLTextAreaElement?.prototype ?? {}, "value")?.set;

export function KeepTextTypedBeforeHydration() {
  useEffect(() => {
    const scope = window as unknown as Record<string, Map<HTMLTextAreaElement, string> | null | undefined>;
    const typed = scope[KEY];
    scope[KEY] = null;
    for (const [textarea, value] of typed ?? []) {
      if (!textarea.isConnected || textarea.value === value) continue;
      // Through the prototype's setter, so React sees a change and components' state follows.
      setTextareaValue?.call(textarea, value);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, []);
  return <script dangerouslySetInnerHTML={{ __html: RECORD_INPUT }} />;
}
