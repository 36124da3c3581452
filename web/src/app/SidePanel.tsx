// Bitrix24-style slide-in card on the right; which card is open lives in ?panel=kind:id.
import { lazy, Suspense } from 'react';
import { Center, Drawer, Loader } from '@mantine/core';
import { usePanel } from '../components/panel';
import { useLocale } from '../i18n';
import { usePhone } from '../lib/usePhone';

const ClientCard = lazy(() => import('../features/clients/ClientCard'));
const ServiceCard = lazy(() => import('../features/services/ServiceCard'));
const EmployeeCard = lazy(() => import('../features/staff/EmployeeCard'));
const DealCard = lazy(() => import('../features/sales/DealCard'));

export default function SidePanel() {
  const { current: asked, close, canOpen } = usePanel();
  // A card the role may not load (a shared link, an old notification) is not opened at all.
  const current = asked && canOpen(asked.kind) ? asked : null;
  const { t } = useLocale();
  const phone = usePhone();
  const title = current ? t(`${current.kind}.card`) : '';
  return (
    <Drawer
      opened={!!current}
      onClose={close}
      position="right"
      size={phone ? '100%' : 'min(880px, 92vw)'}
      title={title}
      padding="md"
      overlayProps={{ backgroundOpacity: 0.25, blur: 1 }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="side-panel"
      zIndex={200}
    >
      <Suspense
        fallback={
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        }
      >
        {current?.kind === 'client' && <ClientCard key={current.id} id={current.id} />}
        {current?.kind === 'service' && <ServiceCard key={current.id} id={current.id} />}
        {current?.kind === 'employee' && <EmployeeCard key={current.id} id={current.id} />}
        {current?.kind === 'deal' && <DealCard key={current.id} id={current.id} />}
      </Suspense>
    </Drawer>
  );
}
