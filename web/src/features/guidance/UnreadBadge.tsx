import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { keys } from './api';
import './unread.css';

export interface UnreadCounts {
  notifications: number;
  messages: number;
}

/** How often the header asks for unread counts; it also asks after every navigation. */
const POLL_MS = 60_000;

/**
 * Unread notifications and messages for the header, from one small endpoint. Polled modestly
 * while the tab is visible and refreshed when the path changes; shares the guidance query key,
 * so reading a thread or the notification centre updates the badges at once.
 */
export function useUnreadCounts(enabled: boolean, pathname: string) {
  const query = useQuery({
    queryKey: [...keys.all, '/notifications/unread'],
    queryFn: () => api<UnreadCounts>('/notifications/unread'),
    enabled,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 5_000,
    retry: false,
  });
  const { refetch } = query;
  useEffect(() => {
    if (enabled) void refetch();
  }, [enabled, pathname, refetch]);
  return query.data;
}

/**
 * The count after a link's label. The number is visible and the words "unread" are there for
 * screen readers, so the count is part of the link's accessible name, never colour alone.
 */
export function UnreadBadge({ count }: { count: number | undefined }) {
  const { t } = useTranslation('common');
  if (!count) return null;
  return (
    <>
      {' '}
      <span className="unread-badge">
        {count > 99 ? '99+' : count}
        <span className="visually-hidden"> {t('unread')}</span>
      </span>
    </>
  );
}
