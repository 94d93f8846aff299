import type { ReactNode } from 'react';
import { EmptyState } from '../ui/EmptyState';
import { Pager } from '../ui/Pager';

interface RecordTablePageProps {
  title: string;
  testId: string;
  columns: string[];
  rows: Array<{ id: string; cells: ReactNode[] }>;
  search: string;
  onSearch(value: string): void;
  loading: boolean;
  error: string | null;
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
}

/** Twenty's index view: a page header with the count, a search box, and a dense table of records. */
export function RecordTablePage({ title, testId, columns, rows, search, onSearch, loading, error, total, page, pageSize, onPage }: RecordTablePageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          {title} <span className="page-count">{total}</span>
        </h1>
        <input className="search-input" type="search" placeholder="Search" value={search} onChange={(event) => onSearch(event.target.value)} aria-label={`Search ${title.toLowerCase()}`} />
      </header>
      <div className="page-body">
        {error && <p className="form-error">{error}</p>}
        <table className="record-table" data-testid={testId}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.cells.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <EmptyState title={`No ${title.toLowerCase()} found`} />}
        <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} />
      </div>
    </div>
  );
}
