import { useState } from 'react';
import { PEOPLE_QUERY } from '../api/host.documents';
import type { Person } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { Link } from '../router/Link';
import { Avatar } from '../ui/Avatar';
import { RecordTablePage } from './RecordTablePage';

const PAGE_SIZE = 25;

export function PeopleListPage() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const { data, error, loading } = useQuery<{ people: { totalCount: number; people: Person[] } }>(PEOPLE_QUERY, { page, pageSize: PAGE_SIZE, search: search || null });
  return (
    <RecordTablePage
      title="People"
      testId="people-list"
      search={search}
      onSearch={(value) => {
        setSearch(value);
        setPage(1);
      }}
      columns={['Name', 'Email', 'Company', 'Job title', 'City']}
      loading={loading}
      error={error}
      total={data?.people.totalCount ?? 0}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      rows={(data?.people.people ?? []).map((person) => {
        const name = `${person.name.firstName} ${person.name.lastName}`.trim();
        return {
          id: person.id,
          cells: [
            <Link key="name" href={`/people/${person.id}`} className="record-chip" data-testid="person-link">
              <Avatar name={name} size={18} url={person.avatarUrl} />
              {name}
            </Link>,
            person.emails.primaryEmail,
            person.company && (
              <Link key="company" href={`/companies/${person.company.id}`} className="record-chip">
                <Avatar name={person.company.name} size={18} square />
                {person.company.name}
              </Link>
            ),
            person.jobTitle,
            person.city,
          ],
        };
      })}
    />
  );
}
