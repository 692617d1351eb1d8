import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Alert } from '../../ui/Alert';
import { Field, SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { adminPath, isAdmin, useAdmin, useInstitutionId, useSubmit, type ListResponse } from './api';
import { AdminPage, FormStatus, TableWrap } from './ui';

/**
 * The building blocks of the structure pages (locations, teams, opleidingen, cohorts, groups,
 * internships): a form made from field descriptions, an edit card, and a delete step that asks
 * first and shows the server's "still in use" answer right beside the button that caused it.
 */

export type Values = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'date' | 'select';
  options?: { value: string; label: string }[];
  /** for a select: the empty choice */
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  required?: boolean;
}

function FormField({ spec, value, error, onChange }: { spec: FieldSpec; value: string; error?: string; onChange: (v: string) => void }) {
  if (spec.type === 'select') {
    return (
      <SelectField
        label={spec.label}
        hint={spec.hint}
        value={value}
        error={error}
        onChange={(e) => onChange(e.target.value)}
        placeholder={spec.placeholder}
        options={spec.options ?? []}
      />
    );
  }
  return (
    <Field
      label={spec.label}
      hint={spec.hint}
      type={spec.type ?? 'text'}
      inputMode={spec.inputMode}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
      required={spec.required}
    />
  );
}

/** A create or edit form; each server field error sits at (and is tied to) its field. */
export function ItemForm({
  fields,
  initial,
  submitLabel,
  success,
  send,
  resetOnSuccess = false,
}: {
  fields: FieldSpec[];
  initial: Values;
  submitLabel: string;
  success: (values: Values) => string;
  send: (values: Values) => Promise<unknown>;
  resetOnSuccess?: boolean;
}) {
  const [values, setValues] = useState(initial);
  const s = useSubmit();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await s.run(() => send(values), success(values));
    if (ok && resetOnSuccess) setValues(initial);
  }
  return (
    <>
      <FormStatus error={s.error} done={s.done} />
      <form onSubmit={submit} noValidate className="form">
        {fields.map((f) => (
          <FormField key={f.name} spec={f} value={values[f.name] ?? ''} error={s.fields[f.name]} onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))} />
        ))}
        <div>
          <button type="submit" className="button" disabled={s.busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </>
  );
}

/** Moves focus to an element when it appears, so keyboard and screen-reader users follow along. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return ref;
}

/**
 * Deleting one item: a button, then a confirmation step. A 409 "still in use" is shown in that
 * same place with `inUse`, which says what still refers to the item.
 */
export function DeleteControl({ name, label, path, inUse, onDeleted }: { name: string; label?: string; path: string; inUse: string; onDeleted: () => void }) {
  const { t } = useTranslation('admin');
  const [asking, setAsking] = useState(false);
  const s = useSubmit();
  async function confirm() {
    const ok = await s.run(() => api(path, { method: 'DELETE' }));
    if (ok) onDeleted();
  }
  if (!asking) {
    return (
      <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
        {label ?? t('crud.deleteNamed', { name })}
      </button>
    );
  }
  return <DeleteConfirm name={name} busy={s.busy} error={s.code === 'admin_in_use' ? inUse : s.error} onConfirm={confirm} onCancel={() => (s.reset(), setAsking(false))} />;
}

function DeleteConfirm({ name, busy, error, onConfirm, onCancel }: { name: string; busy: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const question = useFocusOnMount<HTMLParagraphElement>();
  return (
    <div className="confirm">
      <p ref={question} tabIndex={-1}>
        <strong>{t('crud.confirm', { name })}</strong>
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="row-actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy || Boolean(error)}>
          {t('crud.confirmYes')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** A card for changing one item: focused when it opens, closed with its own button. */
export function EditCard({ id, title, onClose, children }: { id: string; title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation('admin');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section aria-labelledby={id} className="card edit-card">
      <div className="edit-card__head">
        <h2 id={id} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('crud.close')}
        </button>
      </div>
      {children}
    </section>
  );
}

/** A page-level message after something left the list (it can no longer speak for itself). */
export function Notice({ text }: { text: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!text) return null;
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert kind="success">{text}</Alert>
    </div>
  );
}

export interface CrudSpec<T extends { id: string }> {
  /** the i18n section with title, intro, caption, new, add, created, editTitle, inUse, deleted */
  section: string;
  path: string;
  /** the first column is the row header */
  columns: { header: string; cell: (item: T) => ReactNode }[];
  name: (item: T) => string;
  fields: FieldSpec[];
  /** the fields on the edit card, when they differ from those for a new item */
  editFields?: FieldSpec[];
  empty: Values;
  values: (item: T) => Values;
  body: (values: Values) => unknown;
  /** the PATCH body, when it differs from the body of a new item */
  editBody?: (values: Values) => unknown;
  /** a create form of its own, instead of one made from `fields` */
  createForm?: ReactNode;
  /** more on the edit card, below the form (e.g. team members) */
  editExtra?: (item: T) => ReactNode;
  /** list query string, e.g. '?limit=200' */
  query?: string;
}

/** A whole structure page: list, a form for a new item, and an edit card with delete. */
export function CrudPage<T extends { id: string }>({ spec }: { spec: CrudSpec<T> }) {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const canEdit = isAdmin(me);
  const { data } = useAdmin<ListResponse<T>>(`${spec.path}${spec.query ?? ''}`);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editing = data?.items.find((i) => i.id === editingId) ?? null;
  const open = (id: string) => (setNotice(null), setEditingId(id));
  return (
    <AdminPage title={t(`${spec.section}.title`)} intro={t(`${spec.section}.intro`)}>
      <Notice text={notice} />
      {!data ? <Loading /> : <CrudTable spec={spec} items={data.items} canEdit={canEdit} onEdit={open} />}
      {editing && canEdit && (
        <CrudEditCard
          key={editing.id}
          spec={spec}
          item={editing}
          onClose={() => setEditingId(null)}
          onDeleted={() => (setEditingId(null), setNotice(t('crud.deleted', { name: spec.name(editing) })))}
        />
      )}
      {canEdit && (spec.createForm ?? <CrudCreateCard spec={spec} />)}
    </AdminPage>
  );
}

function CrudTable<T extends { id: string }>({ spec, items, canEdit, onEdit }: { spec: CrudSpec<T>; items: T[]; canEdit: boolean; onEdit: (id: string) => void }) {
  const { t } = useTranslation('admin');
  const captionId = `${spec.section}-caption`;
  const [first, ...rest] = spec.columns;
  return (
    <TableWrap labelledBy={captionId}>
      <table>
        <caption id={captionId}>{t(`${spec.section}.caption`, { count: items.length })}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
            {canEdit && <th scope="col">{t('crud.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{first.cell(item)}</th>
              {rest.map((c) => (
                <td key={c.header}>{c.cell(item)}</td>
              ))}
              {canEdit && (
                <td>
                  <button type="button" className="button button--secondary" aria-label={t('crud.editNamed', { name: spec.name(item) })} onClick={() => onEdit(item.id)}>
                    {t('crud.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CrudEditCard<T extends { id: string }>({ spec, item, onClose, onDeleted }: { spec: CrudSpec<T>; item: T; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const name = spec.name(item);
  const path = adminPath(inst, `${spec.path}/${item.id}`);
  return (
    <EditCard id={`edit-${spec.section}`} title={t(`${spec.section}.editTitle`, { name })} onClose={onClose}>
      <ItemForm
        fields={spec.editFields ?? spec.fields}
        initial={spec.values(item)}
        submitLabel={t('save')}
        success={() => t('saved')}
        send={(v) => api(path, { method: 'PATCH', body: (spec.editBody ?? spec.body)(v) })}
      />
      {spec.editExtra?.(item)}
      <h3>{t('crud.deleteTitle')}</h3>
      <DeleteControl name={name} path={path} inUse={t(`${spec.section}.inUse`, { name })} onDeleted={onDeleted} />
    </EditCard>
  );
}

function CrudCreateCard<T extends { id: string }>({ spec }: { spec: CrudSpec<T> }) {
  const { t } = useTranslation('admin');
  const inst = useInstitutionId();
  const id = `new-${spec.section}`;
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{t(`${spec.section}.new`)}</h2>
      <ItemForm
        fields={spec.fields}
        initial={spec.empty}
        submitLabel={t(`${spec.section}.add`)}
        success={(v) => t(`${spec.section}.created`, { name: v.name ?? '', code: v.code ?? '' })}
        send={(v) => api(adminPath(inst, spec.path), { body: spec.body(v) })}
        resetOnSuccess
      />
    </section>
  );
}

/** '' from an empty select means "none". */
export const orNull = (v: string | undefined) => (v ? v : null);
