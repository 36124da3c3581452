// The frame of the client's page: the agency's name, RU/EN, the theme and sign-out — no staff
// navigation, timer, notifications or side panel.
import type { ReactNode } from 'react';
import { ActionIcon, AppShell, Group, Menu, SegmentedControl, Text, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { PersonAvatar } from '../../components/PersonAvatar';
import { Toasts } from '../../components/notify';
import { useLocale } from '../../i18n';
import { usePhone } from '../../lib/usePhone';

export function PortalShell({ children }: { children: ReactNode }) {
  const { t, locale } = useLocale();
  const { session, logout, changeLocale } = useSession();
  const phone = usePhone();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const config = useQuery({ queryKey: ['public-config'], queryFn: () => api.get<{ agency_name?: string }>('/api/v1/public/config').catch(() => null), staleTime: Infinity });
  const user = session!.user;
  const agency = config.data?.agency_name;
  return (
    <AppShell header={{ height: 56 }} padding={phone ? 'xs' : 'md'}>
      <AppShell.Header>
        <Group h="100%" px={phone ? 'xs' : 'md'} justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} size="lg" c="blue">
              Retainer
            </Text>
            {agency && (
              <Text size="sm" c="dimmed" truncate data-testid="portal-agency">
                {agency}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {!phone && (
              <SegmentedControl
                size="xs"
                value={locale}
                onChange={(v) => void changeLocale(v as 'ru' | 'en')}
                data={[
                  { value: 'ru', label: 'RU' },
                  { value: 'en', label: 'EN' },
                ]}
                aria-label={t('header.language')}
                data-testid="lang-switch"
              />
            )}
            {!phone && (
              <ActionIcon variant="default" size="lg" aria-label={scheme === 'dark' ? t('header.themeLight') : t('header.themeDark')} data-testid="theme-toggle" onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}>
                {scheme === 'dark' ? '☀' : '☾'}
              </ActionIcon>
            )}
            <Menu position="bottom-end" withArrow width={240}>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" aria-label={t('header.menu')}>
                  <PersonAvatar id={user.id} name={user.name} photoUrl={user.photo_url} size={30} />
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {user.name}
                  <br />
                  {user.email}
                </Menu.Label>
                {phone && (
                  <>
                    <Menu.Item onClick={() => void changeLocale(locale === 'ru' ? 'en' : 'ru')} data-testid="lang-toggle">
                      {locale === 'ru' ? 'English (EN)' : 'Русский (RU)'}
                    </Menu.Item>
                    <Menu.Item onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
                      {scheme === 'dark' ? `☀ ${t('header.themeLight')}` : `☾ ${t('header.themeDark')}`}
                    </Menu.Item>
                    <Menu.Divider />
                  </>
                )}
                <Menu.Item color="red" onClick={() => void logout()} data-testid="logout">
                  {t('header.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
      <Toasts />
    </AppShell>
  );
}
