import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRevalidator,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { SiteFooter, SiteHeader } from "./components/layout";
import followStylesheet from "./components/follow/follow.css?url";
import recognitionStylesheet from "./components/recognition/recognition.css?url";
import { useLiveRevalidate } from "./realtime/useLiveRevalidate";
import stylesheet from "./styles/app.css?url";
import moderationStylesheet from "./components/moderation/moderation.css?url";
import { ModerationBanner } from "./components/moderation/banner";
import { KeepTextTypedBeforeHydration } from "./components/keep-typed-text";
import { viewerHeader } from "./domain/header.server";
import { useReaderParts } from "./components/forum/reader-parts";
import councilStylesheet from "./components/councils/councils.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: followStylesheet },
  { rel: "stylesheet", href: moderationStylesheet },
  { rel: "stylesheet", href: councilStylesheet },
  { rel: "stylesheet", href: recognitionStylesheet },
];

export const meta: MetaFunction = () => [
  { title: "Partner Community" },
  { name: "description", content: "Where partners ask, answer, mentor and get recognized." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  // A page rendered for an audience (decision 043): the browser fills in the viewer's own header.
  const personalize = Boolean(context.sharedRender && context.user);
  return { ...(await viewerHeader(context.db, context.user, { shared: personalize })), signUpOpen: context.passwordLogin, personalize };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const parts = useReaderParts();
  // A page rendered for an audience names nobody; the reader's own header comes with their parts.
  const data = root?.personalize && parts ? { ...root, ...parts.header } : root;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
        <KeepTextTypedBeforeHydration />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader
          user={data?.user ?? null}
          notifications={data?.notifications ?? null}
          messages={data?.messages ?? null}
          reviewCount={data?.reviewCount ?? null}
          recognition={data?.recognition ?? null}
          signUpOpen={data?.signUpOpen ?? true}
        />
        <main id="main" className="page" tabIndex={-1}>
          <ModerationBanner status={data?.moderation ?? null} />
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** When this browser's session ends elsewhere (logout in another tab), show the signed-out page. */
function SessionWatcher({ signedIn }: { signedIn: boolean }) {
  useLiveRevalidate("session:ended", { enabled: signedIn });
  return null;
}

export default function App() {
  const { user, personalize } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // A page whose data is the audience's fetches only the reader's own parts (decision 044). One
  // rendered for the reader after all (their own hidden thread) still has the audience's header.
  const pageReadsParts = useMatches().some((match) => (match.data as { forAudience?: boolean } | undefined)?.forAudience === true);
  useEffect(() => {
    // A header rendered for an audience on a page that does not fetch the reader's parts: read it all again as this viewer, once.
    if (personalize && !pageReadsParts) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [personalize]);
  return (
    <>
      <SessionWatcher signedIn={Boolean(user)} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="stack narrow">
        <h1>Page not found</h1>
        <p>We could not find that page. It may have moved, or the link may be mistyped.</p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </section>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="stack narrow">
      <h1>{status === 403 ? "Not allowed" : "Something went wrong"}</h1>
      <p>
        {isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : "An unexpected error stopped this page. Please try again in a moment."}
      </p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
