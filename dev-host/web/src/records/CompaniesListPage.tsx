import { useState } from 'react';
import { COMPANIES_QUERY } from '../api/host.documents';
import type { Company } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { Link } from '../router/Link';
import { Avatar } from '../ui/Avatar';
import { RecordTablePage } from './RecordTablePage';

const PAGE_SIZE = 25;

export function CompaniesListPage() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const { data, error, loading } = useQuery<{ companies: { totalCount: number; companies: Company[] } }>(COMPANIES_QUERY, {
    page,
    pageSize: PAGE_SIZE,
    search: search || null,
  });
  return (
    <RecordTablePage
      title="Companies"
      testId="companies-list"
      search={search}
      onSearch={(value) => {
        setSearch(value);
        setPage(1);
      }}
      columns={['Name', 'Domain', 'Created']}
      loading={loading}
      error={error}
      total={data?.companies.totalCount ?? 0}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      rows={(data?.companies.companies ?? []).map((company) => ({
        id: company.id,
        cells: [
          <Link key="name" href={`/companies/${company.id}`} className="record-chip" data-testid="company-link">
            <Avatar name={company.name} size={18} square />
            {company.name}
          </Link>,
          company.domainName,
          new Date(company.createdAt).toLocaleDateString(),
        ],
      }))}
    />
  );
}
