import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { hasRole, useMe, type Role } from './auth';
import { Loading } from '../ui/Loading';

/** Sends signed-out visitors to the login page and keeps pages to the roles they are for. */
export function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation('common');
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (!me) return <Navigate to={`/inloggen?terug=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.mfa !== 'none' && location.pathname !== '/inloggen/tweede-stap') return <Navigate to="/inloggen/tweede-stap" replace />;
  if (roles && !hasRole(me, ...roles)) {
    return (
      <section className="page">
        <h1>{t('noAccessTitle')}</h1>
        <p>{t('noAccessText')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
