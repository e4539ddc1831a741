// Rights statements (rightsstatements.org) and licences (Creative Commons) by their URIs.
import { useT, type MessageKey } from '../i18n';

const statements: [RegExp, MessageKey][] = [
  [/rightsstatements\.org\/vocab\/InC\/1\.0/, 'rights.InC'],
  [/rightsstatements\.org\/vocab\/InC-NC\/1\.0/, 'rights.InC-NC'],
  [/rightsstatements\.org\/vocab\/InC-EDU\/1\.0/, 'rights.InC-EDU'],
  [/rightsstatements\.org\/vocab\/InC-OW-EU\/1\.0/, 'rights.InC'],
  [/rightsstatements\.org\/vocab\/NoC-US\/1\.0/, 'rights.NoC'],
  [/rightsstatements\.org\/vocab\/NoC-NC\/1\.0/, 'rights.NoC-NC'],
  [/rightsstatements\.org\/vocab\/NoC-OKLR\/1\.0/, 'rights.NoC'],
  [/rightsstatements\.org\/vocab\/NoC-CR\/1\.0/, 'rights.NoC'],
  [/rightsstatements\.org\/vocab\/CNE\/1\.0/, 'rights.CNE'],
  [/rightsstatements\.org\/vocab\/UND\/1\.0/, 'rights.UND'],
  [/rightsstatements\.org\/vocab\/NKC\/1\.0/, 'rights.NKC'],
  [/creativecommons\.org\/publicdomain\/zero/, 'rights.CC0'],
  [/creativecommons\.org\/publicdomain\/mark/, 'rights.PDM'],
  [/creativecommons\.org\/licenses\/by\/\d/, 'rights.CC-BY'],
  [/creativecommons\.org\/licenses\/by-sa\//, 'rights.CC-BY-SA'],
  [/creativecommons\.org\/licenses\/by-nc\//, 'rights.CC-BY-NC'],
  [/creativecommons\.org\/licenses\/by-nc-sa\//, 'rights.CC-BY-NC-SA'],
  [/creativecommons\.org\/licenses\/by-nd\//, 'rights.CC-BY-ND'],
  [/creativecommons\.org\/licenses\/by-nc-nd\//, 'rights.CC-BY-NC-ND'],
];

export function rightsLabel(uri: string, t: ReturnType<typeof useT>): string {
  for (const [pattern, key] of statements) if (pattern.test(uri)) return t(key);
  return uri;
}

export function Rights({ uri }: { uri: string }) {
  const t = useT();
  const label = rightsLabel(uri, t);
  return (
    <p class="rights">
      <a href={uri} rel="license noopener" target="_blank">{label}</a>
      {label === uri ? null : <span class="muted small"> ({t('rights.opensNew')})</span>}
    </p>
  );
}
