interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
  testId?: string;
}

export function Pager({ page, pageSize, total, onPage, testId }: PagerProps) {
  if (total <= pageSize) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <div className="pager" data-testid={testId}>
      <span className="muted">
        {first}–{last} of {total}
      </span>
      <button type="button" className="button button-secondary button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <button type="button" className="button button-secondary button-small" disabled={last >= total} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </div>
  );
}
