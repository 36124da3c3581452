import { useLocale } from '../i18n';
import { formatMoney } from '../lib/format';

export function Money({ kopecks }: { kopecks: number | null | undefined }) {
  const { locale } = useLocale();
  if (kopecks === null || kopecks === undefined) return <span>—</span>;
  return <span className="money">{formatMoney(kopecks, locale)}</span>;
}
