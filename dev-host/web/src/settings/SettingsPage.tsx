import { useEffect } from 'react';
import { ExtensionBoundary } from '../extensions/RecordSlot';
import { extensionRegistry } from '../extensions/installed-plugins';
import { shellHost } from '../extensions/shell-host';
import { Link } from '../router/Link';
import { navigate, useLocation } from '../router/history';

/** Settings: a sub-navigation of the pages plugins contribute, and the selected page. */
export function SettingsPage() {
  const { pathname, query } = useLocation();
  const pages = extensionRegistry.settingsPages;
  const current = pages.find((page) => page.path === pathname);

  useEffect(() => {
    if (!current && pages[0]) navigate(pages[0].path, { replace: true });
  }, [current, pages]);

  return (
    <div className="settings-layout">
      <nav className="settings-nav" aria-label="Settings">
        <div className="settings-nav-title">Settings</div>
        <div className="settings-nav-group">User</div>
        {pages.map((page) => (
          <Link key={page.id} href={page.path} className={`nav-item${page === current ? ' is-active' : ''}`} data-testid={`settings-nav-${page.id.split('/').pop()}`}>
            {page.title}
          </Link>
        ))}
      </nav>
      <main className="settings-content">
        {current && (
          <ExtensionBoundary id={current.id}>
            <current.component host={shellHost} query={query} />
          </ExtensionBoundary>
        )}
      </main>
    </div>
  );
}
