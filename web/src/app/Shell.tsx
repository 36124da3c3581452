import { lazy, Suspense, type ReactNode } from 'react';
import { ActionIcon, AppShell, Burger, Button, Group, Menu, NavLink, SegmentedControl, Text, Tooltip, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLocation, useNavigate } from 'react-router';
import { useLocale } from '../i18n';
import { useSession } from '../api/session';
import { PersonAvatar } from '../components/PersonAvatar';
import { Toasts } from '../components/notify';
import { TipLayer } from '../components/TipLayer';
import { TimeEntryDialogProvider, useTimeEntryDialog } from '../features/time/TimeEntryDialog';
import { Timer, TimerMenuItems, TimerProvider } from '../features/time/Timer';
import { usePhone } from '../lib/usePhone';
import { NotificationsBell } from '../features/notify/NotificationsBell';

const SidePanel = lazy(() => import('./SidePanel'));

/** Navigation; an item shows only when the role may call the route behind it (permissions from /auth/me). */
export const nav = [
  { to: '/', key: 'nav.dashboard', icon: '▦', needs: 'GET /api/v1/dashboard', match: (p: string) => p === '/' || p === '/dashboard' },
  { to: '/sales', key: 'nav.sales', icon: '⇶', needs: 'GET /api/v1/deals', match: (p: string) => p === '/sales' },
  { to: '/sales/today', key: 'nav.today', icon: '☀', needs: 'GET /api/v1/sales/today', orNeeds: 'GET /api/v1/accounts/today' },
  { to: '/documents', key: 'nav.documents', icon: '▧', needs: 'GET /api/v1/documents' },
  { to: '/sales/analytics', key: 'nav.analytics', icon: '▥', needs: 'GET /api/v1/sales/analytics' },
  { to: '/clients', key: 'nav.clients', icon: '◉', needs: 'GET /api/v1/clients' },
  { to: '/services', key: 'nav.services', icon: '◈', needs: 'GET /api/v1/services' },
  { to: '/employees', key: 'nav.employees', icon: '☺', needs: 'GET /api/v1/employees' },
  { to: '/time', key: 'nav.time', icon: '◷', needs: 'GET /api/v1/time-entries' },
  { to: '/reports/time', key: 'nav.timeReport', icon: '▤', needs: 'GET /api/v1/reports/time' },
  { to: '/price-list', key: 'nav.priceList', icon: '₽', needs: 'GET /api/v1/price-items' },
  { to: '/brief-templates', key: 'nav.briefTemplates', icon: '?', needs: 'GET /api/v1/brief-templates' },
  { to: '/settings/agency', key: 'nav.settings', icon: '⚙', needs: 'PATCH /api/v1/agency-settings' },
] as const;

/** Whether the role may open a navigation item (Today: a sales or an account manager's day). */
export function navAllowed(item: (typeof nav)[number], permissions: readonly string[]): boolean {
  return permissions.includes(item.needs) || ('orNeeds' in item && permissions.includes(item.orNeeds));
}

function ThemeToggle() {
  const { t } = useLocale();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const label = scheme === 'dark' ? t('header.themeLight') : t('header.themeDark');
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} data-testid="theme-toggle" onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}>
        {scheme === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

function LogTimeButton() {
  const { t } = useLocale();
  const open = useTimeEntryDialog();
  return (
    <Button size="xs" onClick={() => open()} data-testid="log-time">
      + {t('time.quickAdd')}
    </Button>
  );
}

/**
 * The header's tools folded into one menu on a phone (under 768 px): the user, "Log time", the timer,
 * RU/EN, the theme and sign-out. The bell and a running timer stay in the header.
 */
function PhoneMenu({ canLog }: { canLog: boolean }) {
  const { t, locale } = useLocale();
  const { session, logout, changeLocale } = useSession();
  const open = useTimeEntryDialog();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const user = session!.user;
  return (
    <Menu position="bottom-end" withArrow width={240}>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t('header.menu')}>
          <PersonAvatar id={user.id} name={user.name} photoUrl={user.photo_url} size={30} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown data-testid="phone-menu">
        <Menu.Label>
          {user.name} · {t(`roles.${user.role}`)}
          <br />
          {user.email}
        </Menu.Label>
        {canLog && (
          <Menu.Item onClick={() => open()} data-testid="log-time">
            + {t('time.quickAdd')}
          </Menu.Item>
        )}
        {canLog && <TimerMenuItems />}
        <Menu.Divider />
        <Menu.Item onClick={() => void changeLocale(locale === 'ru' ? 'en' : 'ru')} data-testid="lang-toggle">
          {locale === 'ru' ? 'English (EN)' : 'Русский (RU)'}
        </Menu.Item>
        <Menu.Item onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
          {scheme === 'dark' ? `☀ ${t('header.themeLight')}` : `☾ ${t('header.themeDark')}`}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void logout()} data-testid="logout">
          {t('header.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, locale } = useLocale();
  const { session, logout, changeLocale } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const user = session!.user;
  const canLog = session!.permissions.includes('POST /api/v1/time-entries');
  const phone = usePhone();

  return (
    <TimeEntryDialogProvider>
      <TimerProvider>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={phone ? 'xs' : 'md'}>
        <AppShell.Header>
          <Group h="100%" px={phone ? 'xs' : 'md'} justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.navigation')} data-testid="burger" />
              <Text fw={700} size="lg" c="blue">
                Retainer
              </Text>
            </Group>
            {phone ? (
              <Group gap={6} wrap="nowrap">
                {canLog && <Timer compact />}
                {session!.permissions.includes('GET /api/v1/notifications') && <NotificationsBell />}
                <PhoneMenu canLog={canLog} />
              </Group>
            ) : (
            <Group gap="xs" wrap="nowrap">
              {canLog && <LogTimeButton />}
              {canLog && <Timer />}
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
              {session!.permissions.includes('GET /api/v1/notifications') && <NotificationsBell />}
              <ThemeToggle />
              <Menu position="bottom-end" withArrow>
                <Menu.Target>
                  <UnstyledButton data-testid="user-menu">
                    <Group gap={6} wrap="nowrap">
                      <PersonAvatar id={user.id} name={user.name} photoUrl={user.photo_url} size={30} />
                      <div style={{ lineHeight: 1.1 }}>
                        <Text size="sm" fw={500} visibleFrom="md">
                          {user.name}
                        </Text>
                        <Text size="xs" c="dimmed" visibleFrom="md">
                          {t(`roles.${user.role}`)}
                        </Text>
                      </div>
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.email}</Menu.Label>
                  <Menu.Item onClick={() => void logout()} data-testid="logout">
                    {t('header.logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
            )}
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          {nav.filter((item) => navAllowed(item, session!.permissions)).map((item) => {
            const active = 'match' in item ? item.match(location.pathname) : location.pathname.startsWith(item.to);
            return (
              <NavLink
                key={item.to}
                href={item.to}
                label={t(item.key)}
                leftSection={<span aria-hidden style={{ width: 16, textAlign: 'center' }}>{item.icon}</span>}
                active={active}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(item.to);
                  close();
                }}
                data-testid={`nav-${item.to.replace(/\W+/g, '') || 'dashboard'}`}
              />
            );
          })}
        </AppShell.Navbar>
        <AppShell.Main>{children}</AppShell.Main>
      </AppShell>
      <Suspense fallback={null}>
        <SidePanel />
      </Suspense>
      <Toasts />
      <TipLayer />
      </TimerProvider>
    </TimeEntryDialogProvider>
  );
}
