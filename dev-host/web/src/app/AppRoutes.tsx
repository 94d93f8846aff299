import { lazy, Suspense, useEffect } from 'react';
import { CompaniesListPage } from '../records/CompaniesListPage';
import { PeopleListPage } from '../records/PeopleListPage';
import { RecordPage } from '../records/RecordPage';
import { navigate, useLocation } from '../router/history';
import { matchPath } from '../router/match-path';
import { SettingsPage } from '../settings/SettingsPage';
import { TasksListPage } from '../tasks/TasksListPage';

// FullCalendar is most of the bundle's weight: loaded when the Calendar section first opens.
const CalendarSectionPage = lazy(() => import('../calendar/section/CalendarSectionPage').then((module) => ({ default: module.CalendarSectionPage })));

export function AppRoutes() {
  const { pathname } = useLocation();
  const person = matchPath('/people/:id', pathname);
  const company = matchPath('/companies/:id', pathname);

  if (pathname === '/people') return <PeopleListPage />;
  if (pathname === '/companies') return <CompaniesListPage />;
  // Twenty's task list, and the address a To Do task's linked resource opens a task at.
  const task = matchPath('/object/task/:id', pathname);
  if (pathname === '/objects/tasks' || task) return <TasksListPage openTaskId={task?.id ?? null} />;
  if (pathname === '/calendar') {
    return (
      <Suspense fallback={<p className="muted page-padded">Loading the calendar…</p>}>
        <CalendarSectionPage />
      </Suspense>
    );
  }
  if (person) return <RecordPage objectName="person" recordId={person.id} />;
  if (company) return <RecordPage objectName="company" recordId={company.id} />;
  if (pathname === '/settings' || pathname.startsWith('/settings/')) return <SettingsPage />;
  return <Redirect to="/people" />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
