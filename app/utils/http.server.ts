import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "../domain/accounts/auth.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../domain/policy.server";
import type { FieldErrors } from "./forms";

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Only same-site paths, so a crafted link cannot bounce a fresh login to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

export interface ActionFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}

export function invalid(errors: FieldErrors, values: Record<string, string>, status = 400) {
  return data<ActionFailure>({ errors, values }, { status });
}

/**
 * Turns a DomainError into the form's answer (the message at its field, or at the top), and
 * rethrows anything else for the error boundary.
 */
export function refusal(error: unknown, values: Record<string, string> = {}) {
  if (error instanceof DomainError) {
    if (error.status === 404) throw new Response(error.message, { status: 404 });
    return invalid({ [error.field ?? "form"]: error.message }, values, error.status);
  }
  throw error;
}

export function notFoundResponse(message = "That page does not exist.") {
  return new Response(message, { status: 404 });
}

/** A DomainError as the HTTP response a loader or action throws (403, 404, …); other errors pass. */
export function asHttpError(error: unknown): never {
  if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
  throw error;
}

/** The policy check for routes: refusals become 403/404 responses. */
export function authorizeRequest(...args: Parameters<typeof authorize>) {
  try {
    authorize(...args);
  } catch (error) {
    asHttpError(error);
  }
}
