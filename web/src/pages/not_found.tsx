import { useTitle } from '../components/common';
import { SearchBox } from '../components/layout';
import { useT } from '../i18n';

export function NotFound() {
  const t = useT();
  useTitle(t('error.notFoundTitle'));
  return (
    <div class="prose">
      <h1 tabIndex={-1}>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFoundPage')}</p>
      <SearchBox large />
    </div>
  );
}
