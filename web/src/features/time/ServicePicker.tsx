import { RecordPicker } from '../../components/RecordPicker';
import { useLocale } from '../../i18n';

/** The quick form's service select, searched on the server by service (and so client) name. */
export function ServicePicker({ value, onChange, error, autoFocus }: { value: number | null; onChange: (id: number | null) => void; error?: string; autoFocus?: boolean }) {
  const { t } = useLocale();
  return (
    <RecordPicker
      path="/api/v1/services"
      value={value}
      onChange={onChange}
      label={t('time.service')}
      placeholder={t('time.servicePlaceholder')}
      error={error}
      autoFocus={autoFocus}
      required
      extraQuery={{ status: 'active' }}
      testId="service-picker"
    />
  );
}
