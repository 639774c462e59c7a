import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * For pages opened from a single-use mailed link: after the form is submitted, the action's
 * answer is the page. Re-running the loader would find the token used and answer 410, which the
 * browser reports as a failed request although everything worked. Other navigations (a different
 * token in the URL) load as usual.
 */
export const keepLinkCheckAfterSubmit: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() !== "GET" ? false : defaultShouldRevalidate;
