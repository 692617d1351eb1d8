import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { Alert } from '../../ui/Alert';
import { Loading } from '../../ui/Loading';
import { useFeed, useMyGroups, useRefresh, type FeedAttachment, type FeedPost } from './api';
import { Saved, TextArea, When } from './ui';
import './guidance.css';

const REACTIONS = [
  { key: 'like', symbol: '👍' },
  { key: 'heart', symbol: '❤️' },
  { key: 'clap', symbol: '👏' },
] as const;

/** The closed feed of one group: posts, replies, reactions; report a post; a mentor hides it. */
export default function FeedPage() {
  const { t } = useTranslation('guidance');
  const { id } = useParams();
  const { data, error, isLoading } = useFeed(id);
  const groups = useMyGroups();
  const refresh = useRefresh();
  const [body, setBody] = useState('');
  const [postError, setPostError] = useState<string | null>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const group = groups.data?.items.find((g) => g.id === id);
  async function post(e: FormEvent) {
    e.preventDefault();
    setPostError(null);
    try {
      await sendPost(id!, body, filesRef.current?.files);
    } catch (err) {
      setPostError(err instanceof ApiError ? err.message : t('errors.generic'));
      return;
    }
    setBody('');
    if (filesRef.current) filesRef.current.value = '';
    await refresh();
  }
  if (error) {
    return (
      <section className="page">
        <h1>{t('feed.title')}</h1>
        <Alert>{error instanceof ApiError ? error.message : t('errors.generic')}</Alert>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>{group ? t('feed.titleOf', { group: group.name }) : t('feed.title')}</h1>
      <p className="muted">{t('feed.closed')}</p>
      <form onSubmit={post} className="card">
        <TextArea label={t('feed.newPost')} value={body} required maxLength={4000} onChange={(e) => setBody(e.target.value)} />
        <div className="field">
          <label htmlFor="feed-files">{t('feed.files')}</label>
          <p className="field__hint" id="feed-files-hint">
            {t('feed.filesHint')}
          </p>
          <input id="feed-files" ref={filesRef} type="file" multiple accept=".jpg,.jpeg,.png,.webp,.pdf,.docx,.odt,.pptx,.xlsx,.mp3,.m4a,.ogg,.wav,.mp4,.webm,image/jpeg,image/png,image/webp,application/pdf,audio/*,video/mp4,video/webm" aria-describedby="feed-files-hint" />
        </div>
        {postError && <Alert>{postError}</Alert>}
        <button type="submit" className="button">
          {t('feed.post')}
        </button>
      </form>
      {isLoading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{t('feed.empty')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('feed.posts')}>
          {data.items.map((p) => (
            <li key={p.id}>
              <Post post={p} groupId={id!} canModerate={data.canModerate} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Post({ post: p, groupId, canModerate }: { post: FeedPost; groupId: string; canModerate: boolean }) {
  const { t } = useTranslation('guidance');
  const refresh = useRefresh();
  const [reply, setReply] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>, message?: string) => {
    await fn();
    if (message) setStatus(message);
    await refresh();
  };
  async function sendReply(e: FormEvent) {
    e.preventDefault();
    await act(() => api(`/groups/${groupId}/feed`, { body: { body: reply, parentId: p.id } }));
    setReply('');
  }
  const author = p.author?.displayName ?? t('feed.formerMember');
  return (
    <article className="feed-post" aria-label={t('feed.postBy', { name: author })}>
      <p className="muted">
        <strong>{author}</strong> · <When iso={p.createdAt} />
        {p.hidden && <> · {t('feed.hidden')}</>}
        {canModerate && p.reports ? <> · {t('feed.reports', { count: p.reports })}</> : null}
      </p>
      <p className="break">{p.body ?? t('feed.hiddenText')}</p>
      <Attachments items={p.attachments} />
      <div className="row-actions">
        {REACTIONS.map((r) => (
          <button
            key={r.key}
            type="button"
            className="button button--quiet"
            aria-pressed={p.myReactions.includes(r.key)}
            onClick={() => void act(() => api(`/feed/posts/${p.id}/reactions`, { body: { reaction: r.key } }))}
          >
            <span aria-hidden="true">{r.symbol}</span>
            <span className="visually-hidden">{t(`feed.reaction.${r.key}`)}</span> {p.reactions[r.key]}
          </button>
        ))}
        {!p.hidden && (
          <button type="button" className="button button--quiet" onClick={() => void act(() => api(`/feed/posts/${p.id}/report`, { body: { reason: '' } }), t('feed.reported'))}>
            {t('feed.report')}
          </button>
        )}
        {canModerate && (
          <button type="button" className="button button--quiet" onClick={() => void act(() => api(`/feed/posts/${p.id}/hidden`, { body: { hidden: !p.hidden } }))}>
            {p.hidden ? t('feed.unhide') : t('feed.hide')}
          </button>
        )}
      </div>
      <Saved text={status} />
      {p.replies.length > 0 && (
        <ul className="feed-post__replies" aria-label={t('feed.replies')}>
          {p.replies.map((r) => (
            <li key={r.id}>
              <p className="muted">
                <strong>{r.author?.displayName ?? t('feed.formerMember')}</strong> · <When iso={r.createdAt} />
              </p>
              <p className="break">{r.body ?? t('feed.hiddenText')}</p>
              <Attachments items={r.attachments} />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={sendReply}>
        <TextArea label={t('feed.reply')} value={reply} required maxLength={4000} rows={2} onChange={(e) => setReply(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t('feed.sendReply')}
        </button>
      </form>
    </article>
  );
}

/** A post with files goes as multipart (the server checks each file's content); without, as JSON. */
async function sendPost(groupId: string, body: string, files: FileList | null | undefined) {
  if (!files || files.length === 0) return api(`/groups/${groupId}/feed`, { body: { body } });
  const form = new FormData();
  form.append('body', body);
  for (const f of Array.from(files)) form.append('file', f, f.name);
  return api(`/groups/${groupId}/feed/attachments`, { form });
}

/** Photos show in the post; a PDF is a download link with its size. */
function Attachments({ items }: { items: FeedAttachment[] }) {
  const { t } = useTranslation('guidance');
  if (items.length === 0) return null;
  return (
    <ul className="feed-attachments" aria-label={t('feed.attachments')}>
      {items.map((a) => {
        const url = `/api/v1/feed/attachments/${a.id}`;
        return (
          <li key={a.id}>
            {a.mediaType.startsWith('image/') ? (
              <a href={url}>
                <img src={url} alt={t('feed.photo', { name: a.filename })} loading="lazy" />
              </a>
            ) : (
              <a href={url} download={a.filename}>
                {t('feed.download', { name: a.filename, size: Math.max(1, Math.round(a.sizeBytes / 1024)) })}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
