-- The audit log stays append-only for everything the application does, with two deliberate
-- exceptions that the law asks for: erasure pseudonymises the person in the rows (the event
-- stays, the person goes) and retention removes rows past their period. Both run inside a
-- transaction that first sets koers.audit_maintenance = 'on' (transaction-local), and an update
-- may only change who (actor, student, subject), the address and the details — never what
-- happened, when, or its outcome.
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('koers.audit_maintenance', true), '') <> 'on' then
    raise exception 'audit_log is append-only';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  if new.id <> old.id or new.at <> old.at or new.action <> old.action or new.outcome <> old.outcome
     or new.institution_id is distinct from old.institution_id or new.subject_type is distinct from old.subject_type then
    raise exception 'audit_log: only the person, address and details may be pseudonymised';
  end if;
  return new;
end $$;
