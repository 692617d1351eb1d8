import type { Role } from './auth';

/** Main navigation. Each feature adds its entries here with the roles that see them. */
export interface NavItem {
  path: string;
  /** i18n key in the 'nav' namespace */
  label: string;
  roles: Role[] | 'all';
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'home', roles: 'all' },
  { path: '/portfolio', label: 'portfolio', roles: ['student'] },
  { path: '/beheer', label: 'admin', roles: ['institution_admin', 'lob_coordinator', 'manager'] },
  { path: '/account', label: 'account', roles: 'all' },
  { path: '/mijn-gegevens', label: 'myData', roles: 'all' },
];
