import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { DB } from "../db/schema";
import type { Auth, SessionUser } from "./domain/accounts/auth.server";
import type { RenderMarkdown } from "./domain/forum/rendering";
import type { RealtimeControl } from "./realtime/control";
import type { UploadStorage } from "./domain/uploads/storage.server";
import type { Oidc } from "./domain/accounts/oidc.server";
import type { SecretBox } from "./domain/accounts/secret-box.server";

/**
 * Singletons created once by server/index.ts and handed to every loader and action.
 * Modules bundled by Remix never open pools of their own.
 */
export interface AppContext {
  db: Kysely<DB>;
  auth: Auth;
  realtime: RealtimeControl;
  /** Markdown to sanitized HTML, in a worker pool with a time limit. */
  renderMarkdown: RenderMarkdown;
  /** Image files under DATA_DIR/uploads. */
  uploads: UploadStorage;
  log: Logger;
  publicOrigin: string;
  /**
   * The signed-in user for this request, resolved once by the server; while a page is rendered
   * for an audience (`sharedRender`), the audience's stand-in, who owns nothing.
   */
  user: SessionUser | null;
  /** Set while a page is rendered once for everyone in an audience (decision 043). */
  sharedRender?: SharedRender | null;
  sessionId: string | null;
  ip: string;
  /** Single sign-on, when OIDC_ISSUER is configured (decision 020). */
  oidc?: Oidc | null;
  /** False when PASSWORD_LOGIN=off: only single sign-on signs people in. */
  passwordLogin?: boolean;
  /** Seals and opens TOTP seeds stored in the database (decision 024). */
  secretBox: SecretBox;
}

export interface SharedRender {
  /**
   * Set by a loader that finds the shared page wrong for this viewer (their own hidden thread):
   * the page is then not kept, and that loader alone may read for `viewer`.
   */
  personal: boolean;
  viewer: SessionUser;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
