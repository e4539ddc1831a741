// The archival tree: a record's children loaded when a node is opened, a page (50) at a time,
// so that a series of 100,000 items opens as fast as one of ten. The path to the current record
// opens by itself. Disclosure buttons (aria-expanded) work with the keyboard and screen readers.
import { useEffect, useState } from 'preact/hooks';
import { get, recordApi, type Page, type Summary } from '../api';
import { formatEdtf, useT } from '../i18n';
import { kindLabel, levelLabel } from '../profiles';
import { Icon, recordHref } from './common';

const kPage = 50;

function Children({ id, open, current }: { id: string; open: string[]; current: string }) {
  const t = useT();
  const [items, setItems] = useState<Summary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const load = (cursor: string | null) => {
    setLoading(true);
    const query = new URLSearchParams({ limit: String(kPage) });
    if (cursor) query.set('cursor', cursor);
    get<Page<Summary>>(recordApi(id, `/children?${query}`))
      .then((page) => {
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNext(page.next);
      })
      .catch(() => setFailed(true))
      .finally(() => setLoading(false));
  };
  useEffect(() => load(null), [id]);
  return (
    <ul>
      {items.map((item) => <Node item={item} open={open} current={current} />)}
      {loading && <li class="muted">{t('common.loading')}</li>}
      {failed && <li class="error">{t('tree.failed')}</li>}
      {next && !loading && (
        <li><button type="button" class="link" onClick={() => load(next)}>{t('tree.more')}</button></li>
      )}
    </ul>
  );
}

function Node({ item, open, current }: { item: Summary; open: string[]; current: string }) {
  const t = useT();
  const hasChildren = item.has_children ?? (item.child_count ?? 0) > 0;
  const [expanded, setExpanded] = useState(open.includes(item.id));
  const label = item.title || t('record.untitled');
  return (
    <li class={item.id === current ? 'tree-node current' : 'tree-node'}>
      <div class="tree-row">
        {hasChildren ? (
          <button type="button" class="tree-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}
            aria-label={expanded ? t('tree.collapse', { title: label }) : t('tree.expand', { title: label })}>
            <Icon name="chevron" size={16} />
          </button>
        ) : <span class="tree-spacer" />}
        <a href={recordHref(item.id)} aria-current={item.id === current ? 'page' : undefined}>{label}</a>
        <span class="muted small"> {item.level ? levelLabel(item.level) : kindLabel(item.kind)}{item.date ? ` · ${formatEdtf(item.date)}` : ''}
          {hasChildren && item.child_count ? ` · ${t('home.items', { n: item.child_count })}` : ''}</span>
      </div>
      {expanded && hasChildren && <Children id={item.id} open={open} current={current} />}
    </li>
  );
}

/** The tree from `root` down, opened along `open` (the current record's ancestors). */
export function ArchivalTree({ root, open, current, openRoot = true }: { root: Summary; open: string[]; current: string; openRoot?: boolean }) {
  const t = useT();
  return (
    <nav class="tree" aria-label={t('tree.label')}>
      <ul>
        <Node item={root} open={openRoot ? [root.id, ...open] : open} current={current} />
      </ul>
    </nav>
  );
}

/** The children as a plain paged list (the list view of a collection or series). */
export function ChildList({ id }: { id: string }) {
  return <div class="child-list"><Children id={id} open={[]} current="" /></div>;
}
