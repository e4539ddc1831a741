import { useTitle } from '../components/common';
import { useT } from '../i18n';

export function About() {
  const t = useT();
  useTitle(t('nav.about'));
  return (
    <div class="prose">
      <h1 tabIndex={-1}>{t('about.title')}</h1>
      <p>{t('about.p1')}</p>
      <p>{t('about.p2')}</p>
      <h2>{t('about.reuse')}</h2>
      <p>{t('about.p3')}</p>
    </div>
  );
}
