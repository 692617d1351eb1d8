import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { AppError, errorMessage, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { listOpenActivities, type OpenActivity } from '../programme/service.js';
import { PUBLIC_ACTIVITY_KINDS } from './schema.js';

/**
 * Public sign-up for an open day, meeloopdag or proefles, by someone without an account (a
 * vmbo pupil, a parent). The address is confirmed by a link; only then does the sign-up take
 * a place. Every request gets the same answer ("check your mail"), whatever happened — already
 * signed up, full, throttled per address — so the answer never tells who signed up; the mail
 * to the address itself says what happened.
 */
type D = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>;

const CONFIRM_HOURS = 48;

const fieldError = (status: number, code: string, field: string, locale: Locale) => new AppError(status, code, { [field]: errorMessage(code, locale) });
/** sign-up requests per client address per hour (a school's shared address included) */
const MAX_PER_ADDRESS_PER_HOUR = 30;
/** mails to one e-mail address per hour */
const MAX_PER_EMAIL_PER_HOUR = 5;

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');
const addressHash = (ip: string) => sha256(`explore-signup:${ip}`);

/** Confirmed public sign-ups per activity, for the places left. */
async function confirmedCounts(deps: Pick<Deps, 'db'>, activityIds: string[]): Promise<Map<string, number>> {
  if (activityIds.length === 0) return new Map();
  const rows = await deps.db
    .selectFrom('explore_public_signups')
    .select(['activity_id', sql<number>`count(*)`.as('n')])
    .where('activity_id', 'in', activityIds)
    .where('confirmed_at', 'is not', null)
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}

const isFull = (a: OpenActivity, publicCount: number) => a.capacity !== null && a.registered + publicCount >= a.capacity;

export async function listPublicActivities(deps: Pick<Deps, 'db' | 'clock'>, kind?: (typeof PUBLIC_ACTIVITY_KINDS)[number]) {
  const activities = await listOpenActivities(deps, kind ? [kind] : PUBLIC_ACTIVITY_KINDS);
  const counts = await confirmedCounts(deps, activities.map((a) => a.id));
  return { items: activities.map((a) => toPublic(a, counts.get(a.id) ?? 0)), nextCursor: null };
}

function toPublic(a: OpenActivity, publicCount: number) {
  return {
    id: a.id,
    kind: a.kind as (typeof PUBLIC_ACTIVITY_KINDS)[number],
    title: a.title,
    description: a.description,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    location: a.location,
    institution: { id: a.institutionId, name: a.institutionName },
    full: isFull(a, publicCount),
  };
}

async function openActivity(deps: Pick<Deps, 'db' | 'clock'>, id: string) {
  const [a] = await listOpenActivities(deps, PUBLIC_ACTIVITY_KINDS, id);
  return a ?? null;
}

/** Removes sign-ups nobody confirmed in time and those of activities that are over (retention). */
async function removeStale(deps: Pick<Deps, 'db' | 'clock'>) {
  const now = deps.clock.now();
  await deps.db.deleteFrom('explore_public_signups').where('confirmed_at', 'is', null).where('expires_at', '<', now).execute();
  await sql`delete from explore_public_signups s using lob_activities a where a.id = s.activity_id and a.ends_at < ${now}`.execute(deps.db);
}

const when = (d: Date, locale: Locale) =>
  d.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

function mail(kind: 'confirm' | 'already' | 'confirmed' | 'full', a: OpenActivity, name: string, locale: Locale, link?: string) {
  const what = `${a.title} — ${when(a.startsAt, locale)}, ${a.location} (${a.institutionName})`;
  if (locale === 'en') {
    const texts = {
      confirm: { subject: `Confirm your sign-up: ${a.title}`, text: `Hello ${name},\n\nYou (or someone using your address) signed up for:\n${what}\n\nConfirm with this link within ${CONFIRM_HOURS} hours:\n${link}\n\nDid you not sign up? Then ignore this mail; nothing happens.` },
      already: { subject: `You are already signed up: ${a.title}`, text: `Hello ${name},\n\nThis address is already signed up for:\n${what}\n\nYou do not need to do anything.` },
      confirmed: { subject: `Signed up: ${a.title}`, text: `Hello ${name},\n\nYou are signed up for:\n${what}\n\nSee you there!` },
      full: { subject: `Full: ${a.title}`, text: `Hello ${name},\n\nSorry, there are no places left for:\n${what}\n\nLook for another date on Koers.` },
    };
    return texts[kind];
  }
  const texts = {
    confirm: { subject: `Bevestig je aanmelding: ${a.title}`, text: `Hoi ${name},\n\nJij (of iemand met jouw e-mailadres) heeft zich aangemeld voor:\n${what}\n\nBevestig binnen ${CONFIRM_HOURS} uur met deze link:\n${link}\n\nHeb je je niet aangemeld? Dan hoef je niets te doen; er gebeurt niets.` },
    already: { subject: `Je bent al aangemeld: ${a.title}`, text: `Hoi ${name},\n\nDit e-mailadres is al aangemeld voor:\n${what}\n\nJe hoeft niets te doen.` },
    confirmed: { subject: `Aangemeld: ${a.title}`, text: `Hoi ${name},\n\nJe bent aangemeld voor:\n${what}\n\nTot dan!` },
    full: { subject: `Vol: ${a.title}`, text: `Hoi ${name},\n\nHelaas, er zijn geen plekken meer voor:\n${what}\n\nKijk op Koers voor een andere datum.` },
  };
  return texts[kind];
}

/** A visitor signs up; always answers the same, the mail says what happened. */
export async function requestSignup(deps: D, activityId: string, input: { email: string; name: string }, ip: string, locale: Locale, onMailError: (err: unknown) => void) {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const address = addressHash(ip);
  const email = input.email.trim().toLowerCase();
  await removeStale(deps);
  const fromAddress = await deps.db
    .selectFrom('explore_public_signups')
    .select(sql<number>`count(*)`.as('n'))
    .where('address_hash', '=', address)
    .where('created_at', '>', hourAgo)
    .executeTakeFirstOrThrow();
  // The client's own address is throttled openly: that tells nothing about anyone else.
  if (Number(fromAddress.n) >= MAX_PER_ADDRESS_PER_HOUR) throw new AppError(429, 'too_many_attempts');
  const activity = await openActivity(deps, activityId);
  if (!activity) throw notFound();
  const toEmail = await deps.db
    .selectFrom('explore_public_signups')
    .select(sql<number>`coalesce(sum(mails), 0)`.as('n'))
    .where(sql<boolean>`lower(email) = ${email}`)
    .where('mail_window_at', '>', hourAgo)
    .executeTakeFirstOrThrow();
  if (Number(toEmail.n) >= MAX_PER_EMAIL_PER_HOUR) return { status: 'check_your_mail' as const };

  const existing = await deps.db
    .selectFrom('explore_public_signups')
    .select(['id', 'confirmed_at', 'mails', 'mail_window_at'])
    .where('activity_id', '=', activityId)
    .where(sql<boolean>`lower(email) = ${email}`)
    .executeTakeFirst();
  // Count this mail in the address's window (a new window after an hour).
  const mailCount = existing && existing.mail_window_at > hourAgo ? { mails: Number(existing.mails) + 1, mail_window_at: existing.mail_window_at } : { mails: 1, mail_window_at: now };
  if (existing?.confirmed_at) {
    await deps.db.updateTable('explore_public_signups').set(mailCount).where('id', '=', existing.id).execute();
    void deps.mailer.send({ to: email, ...mail('already', activity, input.name, locale) }).catch(onMailError);
    return { status: 'check_your_mail' as const };
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const values = { name: input.name, token_hash: sha256(token), address_hash: address, created_at: now, ...mailCount, expires_at: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000) };
  if (existing) await deps.db.updateTable('explore_public_signups').set(values).where('id', '=', existing.id).execute();
  else await deps.db.insertInto('explore_public_signups').values({ activity_id: activityId, email, ...values }).execute();
  const link = `${deps.config.publicUrl}/verkennen/aanmelden/bevestigen?token=${encodeURIComponent(token)}`;
  void deps.mailer.send({ to: email, ...mail('confirm', activity, input.name, locale, link) }).catch(onMailError);
  return { status: 'check_your_mail' as const };
}

/** The link in the mail: takes a place when one is left. */
export async function confirmSignup(deps: D, token: string, locale: Locale, onMailError: (err: unknown) => void) {
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('explore_public_signups')
    .select(['id', 'activity_id', 'email', 'name', 'confirmed_at', 'expires_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || (!row.confirmed_at && row.expires_at < now)) throw fieldError(400, 'signup_token_invalid', 'token', locale);
  const activity = await openActivity(deps, row.activity_id);
  if (!activity) throw fieldError(400, 'signup_token_invalid', 'token', locale);
  const summary = { title: activity.title, startsAt: activity.startsAt.toISOString(), location: activity.location };
  if (row.confirmed_at) return { status: 'confirmed' as const, activity: summary };
  // One transaction with a lock on the activity's public sign-ups: two confirmations of the
  // last place cannot both win.
  const status = await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${row.activity_id}))`.execute(trx);
    const counts = await confirmedCounts({ db: trx }, [row.activity_id]);
    if (isFull(activity, counts.get(row.activity_id) ?? 0)) {
      await trx.deleteFrom('explore_public_signups').where('id', '=', row.id).execute();
      return 'full' as const;
    }
    await trx.updateTable('explore_public_signups').set({ confirmed_at: now }).where('id', '=', row.id).execute();
    return 'confirmed' as const;
  });
  void deps.mailer.send({ to: row.email, ...mail(status, activity, row.name, locale) }).catch(onMailError);
  return { status, activity: summary };
}

/** The activity's institution, for the policy; lob_activities belongs to module programme (read-only). */
export async function loadActivityResource(deps: Pick<Deps, 'db'>, activityId: string) {
  const a = await deps.db.selectFrom('lob_activities').select(['id', 'institution_id']).where('id', '=', activityId).executeTakeFirst();
  return a ? { activityId: a.id, institutionId: a.institution_id, private: true as const } : null;
}

/** Confirmed public sign-ups of one activity: name and address, so the school can welcome and reach them. */
export async function listPublicSignups(deps: Pick<Deps, 'db'>, activityId: string) {
  const rows = await deps.db
    .selectFrom('explore_public_signups')
    .select(['name', 'email', 'confirmed_at'])
    .where('activity_id', '=', activityId)
    .where('confirmed_at', 'is not', null)
    .orderBy('confirmed_at')
    .execute();
  return { items: rows.map((r) => ({ name: r.name, email: r.email, confirmedAt: r.confirmed_at!.toISOString() })), nextCursor: null };
}
