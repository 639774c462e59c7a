import type { LinksFunction } from "@remix-run/node";
import mentoringStylesheet from "./mentoring.css?url";

/** Each mentoring route links its stylesheet, so nothing is added to the global one. */
export const mentoringLinks: LinksFunction = () => [{ rel: "stylesheet", href: mentoringStylesheet }];
