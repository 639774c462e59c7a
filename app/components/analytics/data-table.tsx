import type { ReactNode } from "react";

export interface Column<T> {
  key: string;
  label: string;
  /** Right-aligned, for figures. */
  numeric?: boolean;
  cell: (row: T) => ReactNode;
}

/** A captioned table with a CSV download of the same rows. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  csvHref,
  empty = "Nothing in this period.",
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  csvHref?: string;
  empty?: string;
}) {
  return (
    <div className="analytics-table stack">
      {csvHref ? (
        <p>
          <a href={csvHref} download>
            Download “{caption}” as CSV
          </a>
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column, index) =>
                    index === 0 ? (
                      <th key={column.key} scope="row">
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.key} className={column.numeric ? "numeric" : undefined}>
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
