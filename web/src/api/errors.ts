// How the UI words a failed request: it decides by status and field errors; the server's text is only shown.
import { useLocale } from '../i18n';
import { ApiError } from './client';
import { fieldMessage, fieldMessages } from './messages';

/** A failed save of a form: the server's field errors under the fields, else one message for the
 * form (409: changed elsewhere). */
export function useSaveFailure() {
  const { t, locale } = useLocale();
  return (e: unknown, setErrors: (fields: Record<string, string>) => void, setFormError: (message: string) => void) => {
    if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(fieldMessages(e.fields, t, locale));
    else setFormError(e instanceof ApiError ? (e.status === 409 ? t('common.conflict') : e.message) : t('common.serverError'));
  };
}

/** The message to show for a failed write: the first field error (translated), else the server's text. */
export function useErrorText() {
  const { t, locale } = useLocale();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      if (e.status === 409) return t('common.conflict');
      if (e.status === 403) return t('common.forbidden');
      const f = Object.entries(e.fields)[0];
      if (f) return `${f[0]}: ${fieldMessage(f[1], t, locale)}`;
      return e.message;
    }
    return t('common.serverError');
  };
}
