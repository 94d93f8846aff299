import { useEffect } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/useSession';
import { AppLayout } from '../layout/AppLayout';
import { navigate, useLocation } from '../router/history';
import { AppRoutes } from './AppRoutes';

/** Signed out: the login page (remembering where the member was going). Signed in: the shell. */
export function App() {
  const { member, signIn, signOut } = useSession();
  const { pathname, query } = useLocation();

  useEffect(() => {
    if (member === null && pathname !== '/login') navigate(`/login?next=${encodeURIComponent(`${pathname}${window.location.search}`)}`, { replace: true });
    if (member && pathname === '/login') navigate(query.get('next') || '/people', { replace: true });
  }, [member, pathname, query]);

  if (member === undefined) return <div className="app-loading" aria-busy="true" />;
  if (member === null) return pathname === '/login' ? <LoginPage onSignIn={signIn} /> : null;
  return (
    <AppLayout member={member} onSignOut={() => void signOut()}>
      <AppRoutes />
    </AppLayout>
  );
}
