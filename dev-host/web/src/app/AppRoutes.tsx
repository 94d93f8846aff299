import { useEffect } from 'react';
import { CompaniesListPage } from '../records/CompaniesListPage';
import { PeopleListPage } from '../records/PeopleListPage';
import { RecordPage } from '../records/RecordPage';
import { navigate, useLocation } from '../router/history';
import { matchPath } from '../router/match-path';
import { SettingsPage } from '../settings/SettingsPage';

export function AppRoutes() {
  const { pathname } = useLocation();
  const person = matchPath('/people/:id', pathname);
  const company = matchPath('/companies/:id', pathname);

  if (pathname === '/people') return <PeopleListPage />;
  if (pathname === '/companies') return <CompaniesListPage />;
  if (person) return <RecordPage objectName="person" recordId={person.id} />;
  if (company) return <RecordPage objectName="company" recordId={company.id} />;
  if (pathname === '/settings' || pathname.startsWith('/settings/')) return <SettingsPage />;
  return <Redirect to="/people" />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
