import { lazy, Suspense, type ReactNode } from 'react';
import { MantineProvider, Center, Loader, Text } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import 'dayjs/locale/ru';
import 'dayjs/locale/en';
import { theme } from './theme';
import { SessionProvider, useSession } from '../api/session';
import { LoginPage } from './LoginPage';
import { Shell, nav, navAllowed } from './Shell';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { useLocale } from '../i18n';

const ClientsPage = lazy(() => import('../features/clients/ClientsPage'));
const ServicesPage = lazy(() => import('../features/services/ServicesPage'));
const EmployeesPage = lazy(() => import('../features/staff/EmployeesPage'));
const TimePage = lazy(() => import('../features/time/TimePage'));
const TimeReportPage = lazy(() => import('../features/reports/TimeReportPage'));
const SalesPage = lazy(() => import('../features/sales/SalesPage'));
const TodayPage = lazy(() => import('../features/sales/TodayPage'));
const PriceListPage = lazy(() => import('../features/estimates/PriceListPage'));
const BriefTemplatesPage = lazy(() => import('../features/briefs/BriefTemplatesPage'));
const AgencySettingsPage = lazy(() => import('../features/agency/AgencySettingsPage'));
const AnalyticsPage = lazy(() => import('../features/sales/AnalyticsPage'));
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage'));
const PortalPage = lazy(() => import('../features/portal/PortalPage'));
const PortalShell = lazy(() => import('../features/portal/PortalShell').then((m) => ({ default: m.PortalShell })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: (n, e) => n < 1 && !(e as { status?: number }).status },
  },
});

function Routed() {
  const { session, loading } = useSession();
  if (loading)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (!session) return <LoginPage />;
  const fallback = (
    <Center h={200}>
      <Loader />
    </Center>
  );
  // A client (portal user) gets their own page and only it: no staff screens, cards or navigation.
  if (session.permissions.includes('GET /api/v1/portal'))
    return (
      <Suspense fallback={fallback}>
        <PortalShell>
          <Suspense fallback={fallback}>
            <Routes>
              <Route path="/portal" element={<PortalPage />} />
              <Route path="*" element={<Navigate to="/portal" replace />} />
            </Routes>
          </Suspense>
        </PortalShell>
      </Suspense>
    );
  return (
    <Shell>
      <Suspense fallback={fallback}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/dashboard" element={<Home />} />
          <Route path="/clients" element={<Allowed to="/clients"><ClientsPage /></Allowed>} />
          <Route path="/services" element={<Allowed to="/services"><ServicesPage /></Allowed>} />
          <Route path="/employees" element={<Allowed to="/employees"><EmployeesPage /></Allowed>} />
          <Route path="/time" element={<Allowed to="/time"><TimePage /></Allowed>} />
          <Route path="/reports/time" element={<Allowed to="/reports/time"><TimeReportPage /></Allowed>} />
          <Route path="/sales" element={<Allowed to="/sales"><SalesPage /></Allowed>} />
          <Route path="/documents" element={<Allowed to="/documents"><DocumentsPage /></Allowed>} />
          <Route path="/sales/today" element={<Allowed to="/sales/today"><TodayPage /></Allowed>} />
          <Route path="/sales/analytics" element={<Allowed to="/sales/analytics"><AnalyticsPage /></Allowed>} />
          <Route path="/price-list" element={<Allowed to="/price-list"><PriceListPage /></Allowed>} />
          <Route path="/brief-templates" element={<Allowed to="/brief-templates"><BriefTemplatesPage /></Allowed>} />
          <Route path="/settings/agency" element={<Allowed to="/settings/agency"><AgencySettingsPage /></Allowed>} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

/** A screen behind a navigation item: a role without its permission (a deep link, a bookmark) goes to
 * its first screen instead of meeting a 403. */
function Allowed({ to, children }: { to: string; children: ReactNode }) {
  const { session } = useSession();
  const item = nav.find((x) => x.to === to);
  if (item && !navAllowed(item, session!.permissions)) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** The dashboard, or the first screen the role may open (sales roles have no dashboard). */
function Home() {
  const { session } = useSession();
  const location = useLocation();
  const { t } = useLocale();
  if (session!.permissions.includes('GET /api/v1/dashboard')) return <DashboardPage />;
  const first = nav.find((item) => navAllowed(item, session!.permissions));
  // The query stays: a shared card link (/?panel=client:12) opens over the role's first screen.
  if (first) return <Navigate to={{ pathname: first.to, search: location.search }} replace />;
  return (
    <Center h={200}>
      <Text c="dimmed">{t('common.forbidden')}</Text>
    </Center>
  );
}

function Localized() {
  const { locale } = useLocale();
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <Routed />
    </DatesProvider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Localized />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
