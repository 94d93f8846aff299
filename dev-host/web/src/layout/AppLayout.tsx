import type { ReactNode } from 'react';
import type { WorkspaceMember } from '../api/host.types';
import { Link } from '../router/Link';
import { useLocation } from '../router/history';
import { Avatar } from '../ui/Avatar';
import { NavIcon, type NavIconName } from './NavIcon';

const NAV_ITEMS: Array<{ href: string; label: string; icon: NavIconName; testId: string }> = [
  { href: '/people', label: 'People', icon: 'people', testId: 'nav-people' },
  { href: '/companies', label: 'Companies', icon: 'companies', testId: 'nav-companies' },
  { href: '/calendar', label: 'Calendar', icon: 'calendar', testId: 'nav-calendar' },
  { href: '/objects/tasks', label: 'Tasks', icon: 'tasks', testId: 'nav-tasks' },
  { href: '/settings', label: 'Settings', icon: 'settings', testId: 'nav-settings' },
];

export function AppLayout({ member, onSignOut, children }: { member: WorkspaceMember; onSignOut(): void; children: ReactNode }) {
  const { pathname } = useLocation();
  const fullName = `${member.name.firstName} ${member.name.lastName}`.trim();
  return (
    <div className="app-layout">
      <nav className="app-nav" aria-label="Main">
        <div className="workspace-switcher">
          <span className="workspace-logo">C</span>
          <span className="workspace-name">Contoso</span>
        </div>
        <ul className="nav-list">
          {NAV_ITEMS.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className={`nav-item${pathname.startsWith(item.href) ? ' is-active' : ''}`} data-testid={item.testId}>
                <NavIcon name={item.icon} />
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="nav-footer">
          <Avatar name={fullName} size={20} />
          <span className="nav-member" data-testid="current-member">
            {fullName}
          </span>
          <button type="button" className="nav-sign-out" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </nav>
      <div className="app-main">{children}</div>
    </div>
  );
}
