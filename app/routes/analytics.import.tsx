import {
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AnalyticsNav } from "../components/analytics/analytics-nav";
import stylesheet from "../components/analytics/analytics.css?url";
import { DataTable } from "../components/analytics/data-table";
import { formatters } from "../components/analytics/format";
import { readerLocale } from "../components/analytics/locale.server";
import { FormAlert, TextField } from "../components/forms";
import { refreshEngagement } from "../domain/analytics/engagement.server";
import { importProgramPerformance } from "../domain/analytics/import.server";
import { recentImports } from "../domain/analytics/imports.server";
import { authorizeRequest, refusal, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Import program figures · Program analytics · Partner Community" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const MAX_FILE_BYTES = 5_000_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "analytics.import", undefined, { hide: true });
  return { imports: await recentImports(context.db), locale: readerLocale(request) };
}

type Result =
  | { kind: "invalid"; errors: { line: number; reason: string }[]; cleanRows: number; cleanRowsOnly: boolean; fileName: string }
  | { kind: "field"; field: string; message: string; cleanRowsOnly: boolean }
  | { kind: "done"; imported: number; skipped: { line: number; reason: string }[]; periods: string[]; fileName: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "analytics.import", undefined, { hide: true });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
  } catch {
    return data<Result>({ kind: "field", field: "file", message: "The file is larger than 5 MB: split it by period.", cleanRowsOnly: false }, { status: 413 });
  }
  const cleanRowsOnly = form.get("cleanRowsOnly") === "on";
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return data<Result>({ kind: "field", field: "file", message: "Choose a CSV file to import.", cleanRowsOnly }, { status: 400 });
  }
  try {
    const result = await importProgramPerformance(context.db, user, { fileName: file.name, text: await file.text(), cleanRowsOnly });
    if (!result.ok) {
      return data<Result>({ kind: "invalid", errors: result.errors, cleanRows: result.cleanRows, cleanRowsOnly, fileName: file.name }, { status: 422 });
    }
    await refreshEngagement(context.db);
    return data<Result>({ kind: "done", imported: result.imported, skipped: result.skipped, periods: result.periods, fileName: file.name });
  } catch (error) {
    const failure = refusal(error);
    return data<Result>({ kind: "field", field: "form", message: String(failure.data.errors.form ?? "The import failed."), cleanRowsOnly }, { status: failure.init?.status ?? 400 });
  }
}

export default function ImportProgramFigures() {
  const { imports, locale } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const format = formatters(locale);
  const fileError = result?.kind === "field" && result.field === "file" ? result.message : undefined;
  const cleanRowsOnly = result && result.kind !== "done" ? result.cleanRowsOnly : false;
  return (
    <section className="stack">
      <h1>Import program figures</h1>
      <AnalyticsNav />
      <p>
        A CSV file with the header <code>organization,period,revenue,registered_deals,won_deals,certifications,tier</code>: one row per organization
        (its slug or exact name) and period (<code>2026-10</code> for a month, <code>2026-Q4</code> for a quarter). Each period in the file replaces what
        was stored for it, so importing the same file again changes nothing. A sample ships in <code>docs/samples/program-performance.csv</code>.
      </p>
      <FormAlert message={result?.kind === "field" && result.field === "form" ? result.message : undefined} />
      {result?.kind === "done" ? (
        <div className="alert alert-success" role="status">
          Imported {format.number(result.imported)} rows from {result.fileName} for {result.periods.join(", ")}
          {result.skipped.length ? `; skipped ${format.number(result.skipped.length)} bad rows (listed below)` : ""}.
        </div>
      ) : null}
      {result?.kind === "invalid" ? (
        <div className="alert alert-error" role="alert">
          Nothing was imported: {format.number(result.errors.length)} {result.errors.length === 1 ? "row has a problem" : "rows have problems"} in {result.fileName}.
          {result.cleanRows > 0 ? ` Fix them and upload again, or tick “Import the clean rows” to import the other ${format.number(result.cleanRows)}.` : " Fix them and upload again."}
        </div>
      ) : null}
      {result && result.kind !== "field" && (result.kind === "invalid" ? result.errors : result.skipped).length > 0 ? (
        <div className="import-errors">
          <DataTable
            caption={result.kind === "invalid" ? "Rows to fix" : "Skipped rows"}
            rows={result.kind === "invalid" ? result.errors : result.skipped}
            rowKey={(e) => e.line}
            columns={[
              { key: "line", label: "Line", cell: (e) => e.line },
              { key: "reason", label: "Problem", cell: (e) => e.reason },
            ]}
          />
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="form stack card" noValidate>
        <TextField label="Program performance file (CSV)" name="file" type="file" accept=".csv,text/csv" required error={fileError} />
        <label className="cluster">
          <input type="checkbox" name="cleanRowsOnly" defaultChecked={cleanRowsOnly} key={String(cleanRowsOnly)} />
          Import the clean rows and skip the bad ones
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </Form>
      <DataTable
        caption="Recent imports"
        rows={imports}
        rowKey={(i) => i.id}
        empty="No imports yet."
        columns={[
          { key: "file", label: "File", cell: (i) => i.fileName },
          { key: "when", label: "Imported", cell: (i) => new Date(i.createdAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" },
          { key: "by", label: "By", cell: (i) => i.actor ?? "command line" },
          { key: "rows", label: "Rows", numeric: true, cell: (i) => format.number(i.rows) },
          { key: "skipped", label: "Skipped", numeric: true, cell: (i) => format.number(i.skipped) },
          { key: "periods", label: "Periods", cell: (i) => i.periods.join(", ") },
        ]}
      />
    </section>
  );
}
