import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { fieldMessages } from '../api/messages';
import { useLocale } from '../i18n';
import { useSession } from '../api/session';

/** The server's public settings; the demo account is named only when the server says it runs the demo. */
interface PublicConfig {
  demo?: boolean;
}

/** `demo: true` from GET /api/v1/public/config (no such endpoint, an error or anything else: false). */
function useDemoFlag(): boolean {
  const config = useQuery({
    queryKey: ['public-config'],
    queryFn: async () => {
      try {
        return await api.get<PublicConfig>('/api/v1/public/config');
      } catch {
        return null;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  return config.data?.demo === true;
}

export function LoginPage() {
  const { t, locale } = useLocale();
  const { login, changeLocale } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const demo = useDemoFlag();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await login(email, password);
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(fieldMessages(err.fields, t, locale));
        setError(err.status === 429 ? t('login.rateLimited') : Object.keys(err.fields).length ? null : t('login.failed'));
      } else setError(t('common.serverError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="md" p="xl" radius="md" w="min(380px, calc(100vw - 24px))">
        <form onSubmit={submit}>
          <Stack>
            <Group justify="space-between">
              <Title order={3}>{t('login.title')}</Title>
              <SegmentedControl size="xs" value={locale} onChange={(v) => void changeLocale(v as 'ru' | 'en')} data={[{ value: 'ru', label: 'RU' }, { value: 'en', label: 'EN' }]} />
            </Group>
            {error && <Alert color="red">{error}</Alert>}
            <TextInput name="email" type="email" label={t('login.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fields.email} autoFocus required />
            <PasswordInput name="password" label={t('login.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} required />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
            {demo && (
              <Text size="xs" c="dimmed" data-testid="login-demo-hint">
                {t('login.demo')}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
