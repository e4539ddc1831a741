// The search page's facets: the decade histogram, lists of values with counts, and the chips of
// the filters in force. Every control is a link, so each state has a URL and the keyboard works.
import { useState } from 'preact/hooks';
import type { FacetValue } from '../api';
import { formatNumber, useT, type MessageKey } from '../i18n';
import { kindLabel } from '../profiles';
import { rightsLabel } from './rights';
import { Icon } from './common';

export const facetNames = ['kind', 'collection', 'decade', 'century', 'creator', 'place', 'language', 'rights', 'has_images'] as const;

export function facetTitleKey(name: string): MessageKey {
  return `facet.${name}` as MessageKey;
}

/** What a facet value is called in the interface. */
export function valueLabel(facet: string, value: FacetValue | { value: string; label?: string }, t: ReturnType<typeof useT>): string {
  // The server labels values in the asked language; these are for values it did not label.
  if (value.label && facet !== 'has_images') return value.label;
  if (facet === 'kind') return kindLabel(value.value);
  if (facet === 'decade') return t('date.decade', { decade: Number(value.value) });
  if (facet === 'century') return t('date.century', { century: Math.floor(Number(value.value) / 100) + 1 });
  if (facet === 'has_images') return value.value === 'true' ? t('facet.withImages') : t('facet.withoutImages');
  if (facet === 'rights') return value.label || rightsLabel(value.value, t);
  return value.label || value.value;
}

export function DecadeHistogram({ values, active, link }: { values: FacetValue[]; active: string[]; link: (filter: string) => string }) {
  const t = useT();
  const known = [...values].sort((a, b) => Number(a.value) - Number(b.value));
  if (known.length === 0) return null;
  // Decades without records stand as empty places, so the bars keep the time scale.
  const first = Number(known[0].value);
  const last = Number(known[known.length - 1].value);
  const sorted: FacetValue[] = last - first <= 600
    ? Array.from({ length: (last - first) / 10 + 1 }, (_, index) => known.find((value) => Number(value.value) === first + index * 10) ?? { value: String(first + index * 10), count: 0 })
    : known;
  const maximum = Math.max(1, ...sorted.map((value) => value.count));
  return (
    <ul class="histogram" aria-label={t('facet.decade')}>
      {sorted.map((value) => {
        const filter = `decade:${value.value}`;
        const label = `${valueLabel('decade', value, t)}: ${t('search.count', { n: value.count })}`;
        if (value.count === 0) return <li aria-hidden="true"><span class="empty-bar" /></li>;
        return (
          <li>
            <a href={link(filter)} title={label} aria-current={active.includes(filter) ? 'true' : undefined}>
              <span class="visually-hidden">{label}</span>
              <span class="bar" style={{ height: `${Math.max(4, Math.round((value.count / maximum) * 64))}px` }} />
              <span class="bar-label" aria-hidden="true">{value.value.slice(-3, -1) === '00' || sorted.length < 8 ? value.value : `’${value.value.slice(-2)}`}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function FacetList({ name, values, active, link }: { name: string; values: FacetValue[]; active: string[]; link: (filter: string) => string }) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? values : values.slice(0, 6);
  return (
    <>
      <ul class="facet-values">
        {shown.map((value) => {
          const filter = `${name}:${value.value}`;
          const on = active.includes(filter);
          return (
            <li>
              <a href={link(filter)} aria-current={on ? 'true' : undefined} class={on ? 'on' : ''} data-facet={name} data-value={value.value}>
                <span class="facet-label">{valueLabel(name, value, t)}</span>
                <span class="count">{formatNumber(value.count)}</span>
              </a>
            </li>
          );
        })}
      </ul>
      {values.length > 6 && (
        <button type="button" class="link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('facet.fewer') : t('facet.more', { n: values.length - 6 })}
        </button>
      )}
    </>
  );
}

export function FilterChips({ filters, labels, removeLink, clearLink }: {
  filters: string[]; labels: Record<string, string>; removeLink: (filter: string) => string; clearLink: string;
}) {
  const t = useT();
  if (filters.length === 0) return null;
  return (
    <div class="chips" aria-label={t('search.activeFilters')} role="group">
      {filters.map((filter) => {
        const [facet] = filter.split(':', 1);
        const text = `${t(facetTitleKey(facet))}: ${labels[filter] ?? filter.slice(facet.length + 1)}`;
        return (
          <a class="chip" href={removeLink(filter)} aria-label={t('search.removeFilter', { filter: text })}>
            <span>{text}</span><Icon name="close" size={16} />
          </a>
        );
      })}
      {filters.length > 1 && <a class="link" href={clearLink}>{t('search.clearFilters')}</a>}
    </div>
  );
}
