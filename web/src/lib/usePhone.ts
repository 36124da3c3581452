// Below 768 px (Mantine's "sm") the app is laid out for a phone: the header folds into a menu, modals
// and the side panel take the whole screen.
import { useMediaQuery } from '@mantine/hooks';

export const PHONE_QUERY = '(max-width: 47.99em)';

export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false }) ?? false;
}
