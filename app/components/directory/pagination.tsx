export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="pagination cluster">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          Previous page
        </a>
      ) : null}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next">
          Next page
        </a>
      ) : null}
    </nav>
  );
}
