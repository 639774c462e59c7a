import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import stylesheet from "../components/directory/directory.css?url";
import { OrganizationResults, PeopleResults } from "../components/directory/directory-results";
import { FacetFilters } from "../components/directory/facet-filters";
import { Pagination } from "../components/directory/pagination";
import { directoryHref, parseDirectoryQuery, type DirectoryQuery, type SortKey } from "../domain/directory/query";
import { searchDirectory, sortsOf } from "../domain/directory/search.server";
import { authorizeRequest, requireUser } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction = () => [{ title: "Directory · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "directory.view", undefined);
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const sorts = sortsOf();
  if (!sorts.includes(query.sort)) query.sort = "relevance";
  const results = await searchDirectory(context.db, query);
  return { query, results, sorts };
}

const sortLabels: Record<SortKey, string> = { relevance: "Best match", contribution: "Contribution this quarter", name: "Name" };

export default function Directory() {
  const { query, results, sorts } = useLoaderData<typeof loader>();
  const href = (change: Partial<Omit<DirectoryQuery, "filters">>) => directoryHref(query, change);
  const noun = query.tab === "people" ? (results.total === 1 ? "person" : "people") : results.total === 1 ? "organization" : "organizations";
  return (
    <section className="stack">
      <h1>Directory</h1>
      <nav aria-label="Directory views">
        <ul className="tabs">
          <li>
            <a href={directoryHref({ ...query, filters: {} }, { tab: "people", page: 1 })} aria-current={query.tab === "people" ? "page" : undefined}>
              People
            </a>
          </li>
          <li>
            <a href={directoryHref({ ...query, filters: {} }, { tab: "organizations", page: 1 })} aria-current={query.tab === "organizations" ? "page" : undefined}>
              Organizations
            </a>
          </li>
        </ul>
      </nav>
      {/* A plain GET form: filters live in the URL, so results can be shared and work without JavaScript. */}
      <Form method="get" action="/directory" className="stack" role="search" aria-label="Search the directory">
        {query.tab === "organizations" ? <input type="hidden" name="tab" value="organizations" /> : null}
        <div className="directory-search">
          <div className="field">
            <label htmlFor="directory-q">{query.tab === "people" ? "Name, title, expertise or bio" : "Name, specialization or description"}</label>
            <input id="directory-q" type="search" name="q" defaultValue={query.text} />
          </div>
          <div className="field">
            <label htmlFor="directory-sort">Sort by</label>
            <select id="directory-sort" name="sort" defaultValue={query.sort}>
              {sorts.map((sort) => (
                <option key={sort} value={sort}>
                  {sortLabels[sort]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Search</button>
        </div>
        <div className="directory-layout">
          <aside aria-label="Filters" className="stack-tight">
            <h2 className="visually-hidden">Filters</h2>
            <FacetFilters facets={results.facets} tab={query.tab} />
            <div className="cluster">
              <button type="submit">Apply filters</button>
              <a href={directoryHref({ ...query, filters: {} }, { page: 1, text: "" })}>Clear all</a>
            </div>
          </aside>
          <div className="stack">
            <h2 aria-live="polite">
              {results.total} {noun}
              {query.text ? ` matching “${query.text}”` : ""}
            </h2>
            {results.tab === "people" ? <PeopleResults hits={results.hits} /> : <OrganizationResults hits={results.hits} />}
            <Pagination page={results.page} pageCount={results.pageCount} href={(page) => href({ page })} />
          </div>
        </div>
      </Form>
    </section>
  );
}
