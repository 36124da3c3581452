// The page a client (role client) sees until the portal comes: their services, the agency's people on
// them, the recommendations sent (GET /api/v1/portal) — names, never "#11"; nothing internal (no
// planning rates, notes, time, calls or costs) and no error boxes.
import { Anchor, Badge, Grid, Group, Paper, Spoiler, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useUser } from '../../api/session';
import { Muted } from '../../components/CardParts';
import { PersonAvatar } from '../../components/PersonAvatar';
import { useLocale } from '../../i18n';
import { formatDate, formatMoney } from '../../lib/format';
import { pageLink } from '../sales';
import { orderedRecommendations, personName, recommendationDate, serviceName, teamOf, type Portal } from './portal';

const statusColor = { active: 'green', paused: 'yellow', finished: 'gray' } as const;
const recColor = { draft: 'gray', sent: 'blue', approved: 'green', rejected: 'red', implemented: 'teal' } as const;

export default function PortalPage() {
  const { t } = useLocale();
  const user = useUser();
  const portal = useQuery({
    queryKey: ['portal'],
    queryFn: async () => {
      try {
        return await api.get<Portal>('/api/v1/portal');
      } catch (e) {
        // A portal user not linked to a company (or a server without the page): an empty page, no red box.
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const p = portal.data;

  return (
    <Stack gap="md" maw={1100} mx="auto" data-testid="portal">
      <div>
        <Title order={2} data-testid="portal-client">
          {p?.client.name ?? t('portal.hello', { name: user.name })}
        </Title>
        {p?.client.legal_name && p.client.legal_name !== p.client.name && <Muted>{p.client.legal_name}</Muted>}
        {p && (
          <Text size="sm" mt={4}>
            {t('portal.hello', { name: user.name })}. {t('portal.intro')}.
          </Text>
        )}
      </div>
      {portal.isLoading ? (
        <Muted>{t('common.loading')}</Muted>
      ) : !p ? (
        portal.isError ? <Muted>{t('common.error')}</Muted> : <Muted>{t('portal.noServices')}</Muted>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Services p={p} />
              <Recommendations p={p} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Team p={p} />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function Services({ p }: { p: Portal }) {
  const { t, locale } = useLocale();
  return (
    <section data-testid="portal-services">
      <Title order={4} mb="xs">
        {t('portal.services')}
      </Title>
      {p.services.length === 0 ? (
        <Muted>{t('portal.noServices')}</Muted>
      ) : (
        <Stack gap="xs">
          {p.services.map((s) => {
            const manager = personName(p, s.account_manager_id);
            const specialist = personName(p, s.specialist_id);
            return (
              <Paper key={s.id} withBorder radius="md" p="sm" data-testid="portal-service">
                <Group justify="space-between" wrap="wrap" gap="xs" align="start">
                  <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                    <Text fw={600} style={{ wordBreak: 'break-word' }}>
                      {serviceName(p, s.name)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.service_type && s.service_type !== serviceName(p, s.name) ? `${s.service_type} · ` : ''}
                      {s.ends_on ? t('portal.period', { from: formatDate(s.starts_on, locale), to: formatDate(s.ends_on, locale) }) : t('portal.since', { date: formatDate(s.starts_on, locale) })}
                    </Text>
                  </div>
                  <Group gap="xs" wrap="nowrap">
                    {s.monthly_fee_kopecks > 0 && (
                      <Text size="sm" className="money" style={{ whiteSpace: 'nowrap' }}>
                        {t('portal.perMonth', { money: formatMoney(s.monthly_fee_kopecks, locale, true) })}
                      </Text>
                    )}
                    <Badge color={statusColor[s.status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
                      {t(`portal.status.${s.status}`)}
                    </Badge>
                  </Group>
                </Group>
                {(manager || specialist) && (
                  <Text size="sm" mt={4} data-testid="portal-service-people">
                    {[manager ? t('portal.manager', { name: manager }) : '', specialist ? t('portal.specialist', { name: specialist }) : ''].filter(Boolean).join(' · ')}
                  </Text>
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
    </section>
  );
}

function Team({ p }: { p: Portal }) {
  const { t } = useLocale();
  const team = teamOf(p);
  return (
    <section data-testid="portal-team">
      <Title order={4} mb="xs">
        {t('portal.team')}
      </Title>
      {team.length === 0 ? (
        <Muted>{t('portal.noTeam')}</Muted>
      ) : (
        <Stack gap="xs">
          {team.map(({ person, manager, specialistOf }) => (
            <Paper key={person.id} withBorder radius="md" p="sm" data-testid="portal-person">
              <Group gap="sm" wrap="nowrap" align="start">
                <PersonAvatar id={person.id} name={person.name} photoUrl={person.photo_url} size={40} />
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{person.name}</Text>
                  {person.position && (
                    <Text size="xs" c="dimmed">
                      {person.position}
                    </Text>
                  )}
                  <Text size="xs" mt={2}>
                    {[manager && person.position?.trim().toLowerCase() !== t('portal.accountManager').toLowerCase() ? t('portal.accountManager') : '', specialistOf.length ? t('portal.specialistOf', { services: specialistOf.join(', ') }) : ''].filter(Boolean).join(' · ')}
                  </Text>
                  <Stack gap={0} mt={4}>
                    <Anchor size="sm" href={`mailto:${person.email}`} style={{ wordBreak: 'break-all' }}>
                      {person.email}
                    </Anchor>
                    {person.phone && (
                      <Anchor size="sm" href={`tel:${person.phone.replace(/[^\d+]/g, '')}`}>
                        {person.phone}
                      </Anchor>
                    )}
                  </Stack>
                </div>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}

function Recommendations({ p }: { p: Portal }) {
  const { t, locale } = useLocale();
  const list = orderedRecommendations(p);
  const waiting = list.filter((r) => r.status === 'sent').length;
  const service = (id: number | null) => {
    const s = p.services.find((x) => x.id === id);
    return s ? serviceName(p, s.name) : null;
  };
  return (
    <section data-testid="portal-recommendations">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={4}>{t('portal.recommendations')}</Title>
        {waiting > 0 && (
          <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>
            {t('portal.waiting', { count: waiting })}
          </Badge>
        )}
      </Group>
      {list.length === 0 ? (
        <Muted>{t('portal.noRecommendations')}</Muted>
      ) : (
        <Stack gap="xs">
          {list.map((r) => {
            const when = recommendationDate(r);
            const link = pageLink(r.url);
            const svc = service(r.service_id);
            return (
              <Paper key={r.id} withBorder radius="md" p="sm" data-testid="portal-recommendation" data-status={r.status}>
                <Group justify="space-between" wrap="wrap" gap="xs" align="start">
                  <Text fw={600} style={{ minWidth: 0, flex: '1 1 220px', wordBreak: 'break-word' }}>
                    {r.title}
                  </Text>
                  <Badge color={recColor[r.status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
                    {t(`portal.recStatus.${r.status}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {[svc, r.sent_on && r.status !== 'sent' ? t('portal.sentOn', { date: formatDate(r.sent_on, locale) }) : '', when ? t(`portal.${when.key}`, { date: formatDate(when.date, locale) }) : ''].filter(Boolean).join(' · ')}
                </Text>
                {r.body && (
                  <Spoiler maxHeight={72} showLabel={t('portal.more')} hideLabel="▲" mt={4}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {r.body}
                    </Text>
                  </Spoiler>
                )}
                {link?.href && (
                  <Anchor size="sm" href={link.href} target="_blank" rel="noopener noreferrer">
                    {link.text}
                  </Anchor>
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
    </section>
  );
}
