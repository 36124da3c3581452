// A deterministic synthetic dashboard payload for unit tests and the filter benchmark.
import type { Dashboard, DashboardClient, DashboardService, Light } from '../../api/types';

const words = ['Ромашка', 'Ёлка', 'Север', 'Alpha', 'Вектор', 'Кедр', 'Nova', 'Орион', 'Береза', 'Техно', 'Сфера', 'Пульс'];
const forms = ['ООО', 'ИП', 'АО', 'LLC'];
const types = [
  { id: 1, code: 'seo', name: 'SEO', name_en: 'SEO', direction: 'seo' },
  { id: 2, code: 'direct', name: 'Яндекс Директ', name_en: 'Yandex Direct', direction: 'ads' },
  { id: 3, code: 'smm', name: 'Таргет и SMM', name_en: 'Targeting & SMM', direction: 'smm' },
];

function lightOf(overrun: number | null): Light {
  if (overrun === null) return 'blue';
  return overrun <= 0 ? 'blue' : overrun <= 20 ? 'yellow' : 'red';
}

export function makeDashboard(clientCount: number, servicesPerClient = 1.8, seed = 1): Dashboard {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const employees = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    name: `Сотрудник ${i + 1}`,
    role: (i < 10 ? 'manager' : 'specialist') as 'manager' | 'specialist',
    photo_url: null,
    group_id: 1,
  }));
  const share = 0.6;
  let sid = 1;
  const clients: DashboardClient[] = [];
  for (let c = 1; c <= clientCount; c++) {
    const name = `${forms[c % forms.length]} ${words[c % words.length]} ${c}`;
    const n = Math.max(1, Math.round(servicesPerClient + (rnd() - 0.5) * 2));
    const services: DashboardService[] = [];
    for (let k = 0; k < n; k++) {
      const type = types[(c + k) % types.length];
      const planned = 600 + Math.floor(rnd() * 3000);
      const actual = Math.floor(planned * share * (0.5 + rnd()));
      const overrun = Math.round((actual / planned - 1) * 1000) / 10;
      const projected = Math.round(actual / share);
      const spec = employees[10 + Math.floor(rnd() * 30)];
      services.push({
        id: sid++,
        name: `${type.name} — ${name}`,
        service_type_id: type.id,
        specialist: { id: spec.id, name: spec.name, photo_url: null },
        account_manager_id: 1 + (c % 10),
        monthly_fee_kopecks: (planned / 60) * 200000,
        documents_url: null,
        status: 'active',
        starts_on: '2025-01-01',
        ends_on: null,
        planned_minutes: planned,
        actual_minutes: actual,
        expected_minutes: Math.round(planned * share),
        previous_planned_minutes: planned,
        previous_actual_minutes: Math.floor(planned * (0.7 + rnd() * 0.6)),
        previous_light: 'blue',
        overrun_percent: overrun,
        light: lightOf(overrun),
        projected_minutes: projected,
        projected_light: lightOf((projected / planned - 1) * 100),
        labour_cost_kopecks: actual * 1000,
        margin_kopecks: (planned / 60) * 200000 - actual * 1000,
      });
    }
    clients.push({
      id: c,
      name,
      account_manager: { id: 1 + (c % 10), name: employees[c % 10].name },
      recommendations: { count: 2, approved_on_time: 1, overdue: 0 },
      calls: { count: 3, minutes: 20 },
      last_contact_on: '2026-11-20',
      services,
    });
  }
  return {
    period: '2026-11',
    previous_period: '2026-10',
    today: '2026-11-18',
    elapsed_share: share,
    totals: { turnover_kopecks: 0, clients: clientCount, services: sid - 1, planned_minutes: 0, actual_minutes: 0, labour_cost_kopecks: 0, margin_kopecks: 0 },
    employees,
    service_types: types,
    clients,
  };
}
