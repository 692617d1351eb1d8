import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n.js';

/**
 * The one notification centre of Koers (in the app), with e-mail for the kinds a person chose.
 * Other modules may call `notify` through service.ts. A notification carries only what its text
 * and link need; an e-mail carries even less: no names, no message text — only that there is
 * something new, and the link to open it in Koers after signing in.
 */
export const NOTIFICATION_KINDS = ['conversation_planned', 'conversation_recorded', 'appointment_invited', 'appointment_reminder', 'appointment_response', 'visit_confirmed', 'message', 'feed_reply', 'feed_report', 'coach_assigned', 'appointment_move_proposed', 'appointment_moved', 'appointment_move_declined'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a person gets by e-mail when they never chose: the things with a date or a person waiting. */
export const DEFAULT_MAIL_KINDS: NotificationKind[] = ['conversation_planned', 'appointment_invited', 'appointment_reminder', 'message'];

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  params?: Record<string, string | number | null>;
  link: string;
}

/** Inserts notifications inside the caller's transaction. Mail follows with `mailNotifications` after commit. */
export async function notify(trx: Kysely<DB>, items: NewNotification[], at: Date): Promise<void> {
  if (items.length === 0) return;
  await trx
    .insertInto('guidance_notifications')
    .values(items.map((n) => ({ user_id: n.userId, kind: n.kind, params: JSON.stringify(n.params ?? {}) as any, link: n.link, created_at: at })))
    .execute();
}

const TEXT: Record<NotificationKind, Record<Locale, (p: Record<string, any>) => string>> = {
  conversation_planned: { nl: (p) => `Er is een loopbaangesprek gepland op ${p.when}. Bereid je voor.`, en: (p) => `A career conversation is planned on ${p.when}. Prepare for it.` },
  conversation_recorded: { nl: () => 'Je mentor heeft het gesprek en de afspraken vastgelegd.', en: () => 'Your mentor recorded the conversation and its agreements.' },
  appointment_invited: { nl: (p) => `Je bent uitgenodigd: ${p.title} (${p.when}).`, en: (p) => `You are invited: ${p.title} (${p.when}).` },
  appointment_reminder: { nl: (p) => `Herinnering: ${p.title} (${p.when}).`, en: (p) => `Reminder: ${p.title} (${p.when}).` },
  appointment_response: { nl: (p) => `${p.name} heeft ${p.response === 'accepted' ? 'geaccepteerd' : 'afgewezen'}: ${p.title}.`, en: (p) => `${p.name} ${p.response}: ${p.title}.` },
  visit_confirmed: { nl: (p) => `Het stagebezoek is bevestigd: ${p.title}.`, en: (p) => `The internship visit is confirmed: ${p.title}.` },
  message: { nl: (p) => `Nieuw bericht van ${p.name}.`, en: (p) => `New message from ${p.name}.` },
  feed_reply: { nl: (p) => `Nieuwe reactie in de groep ${p.group}.`, en: (p) => `New reply in group ${p.group}.` },
  appointment_move_proposed: { nl: (p) => `${p.name} stelt een andere tijd voor: ${p.title} op ${p.when}.`, en: (p) => `${p.name} proposes another time: ${p.title} on ${p.when}.` },
  appointment_moved: { nl: (p) => `Verzet: ${p.title} is nu op ${p.when}.`, en: (p) => `Moved: ${p.title} is now on ${p.when}.` },
  appointment_move_declined: { nl: (p) => `${p.name} kan niet op de voorgestelde tijd: ${p.title}.`, en: (p) => `${p.name} cannot make the proposed time: ${p.title}.` },
  coach_assigned: { nl: (p) => `Je voert voortaan loopbaangesprekken met ${p.student}.`, en: (p) => `You now hold career conversations with ${p.student}.` },
  feed_report: { nl: (p) => `Er is een bericht gemeld in de groep ${p.group}.`, en: (p) => `A post was reported in group ${p.group}.` },
};

export function notificationText(kind: string, params: Record<string, any>, locale: Locale): string {
  const t = TEXT[kind as NotificationKind];
  return t ? t[locale](params) : kind;
}

/** "23 november 2026 14:30" in the Netherlands' time zone. */
export function formatWhen(at: Date, locale: Locale = 'nl'): string {
  return at.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}

export async function listNotifications(deps: Pick<Deps, 'db'>, userId: string, locale: Locale, limit = 50) {
  const [items, unread] = await Promise.all([
    deps.db
      .selectFrom('guidance_notifications')
      .select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute(),
    unreadCounts(deps, userId),
  ]);
  return {
    items: items.map((n) => ({ id: n.id, kind: n.kind, text: notificationText(n.kind, n.params, locale), link: n.link, createdAt: n.created_at.toISOString(), read: n.read_at !== null })),
    nextCursor: null,
    unread,
  };
}

/** The badges of the shell: unread notifications, messages and feed posts, in one query. */
export async function unreadCounts(deps: Pick<Deps, 'db'>, userId: string) {
  const r = await deps.db
    .selectNoFrom((eb) => [
      eb.selectFrom('guidance_notifications').select((e) => e.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).as('notifications'),
      eb.selectFrom('guidance_messages').select((e) => e.fn.countAll<number>().as('n')).where('recipient_id', '=', userId).where('read_at', 'is', null).as('messages'),
    ])
    .executeTakeFirstOrThrow();
  return { notifications: Number(r.notifications ?? 0), messages: Number(r.messages ?? 0) };
}

export async function markNotificationsRead(deps: Pick<Deps, 'db' | 'clock'>, userId: string, ids?: string[]) {
  let q = deps.db.updateTable('guidance_notifications').set({ read_at: deps.clock.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids && ids.length > 0) q = q.where('id', 'in', ids);
  await q.execute();
}

export async function getMailPreferences(deps: Pick<Deps, 'db'>, userId: string) {
  const row = await deps.db.selectFrom('guidance_mail_preferences').select('kinds').where('user_id', '=', userId).executeTakeFirst();
  return { kinds: (row?.kinds ?? DEFAULT_MAIL_KINDS) as NotificationKind[], available: NOTIFICATION_KINDS };
}

export async function setMailPreferences(deps: Pick<Deps, 'db' | 'clock'>, userId: string, kinds: NotificationKind[]) {
  const unique = [...new Set(kinds)];
  await deps.db
    .insertInto('guidance_mail_preferences')
    .values({ user_id: userId, kinds: unique, updated_at: deps.clock.now() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ kinds: unique, updated_at: deps.clock.now() }))
    .execute();
  return getMailPreferences(deps, userId);
}

const SUBJECT: Record<Locale, string> = { nl: 'Nieuwe melding in Koers', en: 'New notification in Koers' };

/**
 * Sends the e-mails for notifications that were just committed, to those who want that kind.
 * Only after commit, so no mail announces something that was rolled back. Failures are logged,
 * never thrown: the notification in the app is the record.
 */
export async function mailNotifications(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  const userIds = [...new Set(items.map((n) => n.userId))];
  const people = await deps.db
    .selectFrom('users as u')
    .leftJoin('guidance_mail_preferences as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.locale', 'u.status', 'p.kinds'])
    .where('u.id', 'in', userIds)
    .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  await Promise.all(
    items.map(async (n) => {
      const p = byId.get(n.userId);
      if (!p || p.status !== 'active') return;
      const wanted = (p.kinds ?? DEFAULT_MAIL_KINDS) as string[];
      if (!wanted.includes(n.kind)) return;
      const locale = p.locale as Locale;
      const text =
        locale === 'en'
          ? `There is something new for you in Koers.\n\nOpen it after signing in: ${deps.config.publicUrl}${n.link}\n\nYou can choose which e-mails you get under Notifications in Koers.`
          : `Er staat iets nieuws voor je klaar in Koers.\n\nBekijk het na het inloggen: ${deps.config.publicUrl}${n.link}\n\nWelke e-mails je krijgt, kies je zelf bij Meldingen in Koers.`;
      await deps.mailer.send({ to: p.email, subject: SUBJECT[locale], text }).catch((err) => console.error('notification mail failed', err));
    }),
  );
}
