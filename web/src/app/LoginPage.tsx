import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '../api/client';
import { fieldMessages } from '../api/messages';
import { useLocale } from '../i18n';
import { useSession } from './session';

export function LoginPage() {
  const { t, locale } = useLocale();
  const { login, changeLocale } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

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
      <Paper withBorder shadow="md" p="xl" radius="md" w={380}>
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
            <Text size="xs" c="dimmed">
              {t('login.demo')}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
