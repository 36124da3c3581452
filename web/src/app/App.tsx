import { lazy, Suspense } from 'react';
import { MantineProvider, Center, Loader, Text } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import 'dayjs/locale/ru';
import 'dayjs/locale/en';
import { theme } from './theme';
import { SessionProvider, useSession } from './session';
import { LoginPage } from './LoginPage';
import { Shell, nav } from './Shell';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { useLocale } from '../i18n';

const ClientsPage = lazy(() => import('../features/clients/ClientsPage'));
const ServicesPage = lazy(() => import('../features/services/ServicesPage'));
const EmployeesPage = lazy(() => import('../features/staff/EmployeesPage'));
const TimePage = lazy(() => import('../features/time/TimePage'));
const TimeReportPage = lazy(() => import('../features/reports/TimeReportPage'));
const SalesPage = lazy(() => import('../features/sales/SalesPage'));
const TodayPage = lazy(() => import('../features/paperwork/TodayPage'));
const PriceListPage = lazy(() => import('../features/paperwork/PriceListPage'));
const BriefTemplatesPage = lazy(() => import('../features/paperwork/BriefTemplatesPage'));
const AgencySettingsPage = lazy(() => import('../features/paperwork/AgencySettingsPage'));
const AnalyticsPage = lazy(() => import('../features/paperwork/AnalyticsPage'));
const DocumentsPage = lazy(() => import('../features/paperwork/DocumentsPage'));

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
  return (
    <Shell>
      <Suspense fallback={fallback}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/dashboard" element={<Home />} />
          <Route path="/clients" element={<ClientsPage />} />
          <Route path="/services" element={<ServicesPage />} />
          <Route path="/employees" element={<EmployeesPage />} />
          <Route path="/time" element={<TimePage />} />
          <Route path="/reports/time" element={<TimeReportPage />} />
          <Route path="/sales" element={<SalesPage />} />
          <Route path="/documents" element={<DocumentsPage />} />
          <Route path="/sales/today" element={<TodayPage />} />
          <Route path="/sales/analytics" element={<AnalyticsPage />} />
          <Route path="/price-list" element={<PriceListPage />} />
          <Route path="/brief-templates" element={<BriefTemplatesPage />} />
          <Route path="/settings/agency" element={<AgencySettingsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

/** The dashboard, or the first screen the role may open (sales roles have no dashboard). */
function Home() {
  const { session } = useSession();
  const { t } = useLocale();
  if (session!.permissions.includes('GET /api/v1/dashboard')) return <DashboardPage />;
  const first = nav.find((item) => session!.permissions.includes(item.needs));
  if (first) return <Navigate to={first.to} replace />;
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
