// English: every key of ru.ts, checked by the type below.
import type { ru } from './ru';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof ru> = {
  app: { name: 'Retainer', tagline: 'Agency operations CRM' },
  nav: { dashboard: 'Dashboard', clients: 'Clients', services: 'Services', employees: 'Employees', time: 'Time', timeReport: 'Time report' },
  header: { language: 'Language', themeLight: 'Light theme', themeDark: 'Dark theme', logout: 'Sign out', menu: 'Menu' },
  login: { title: 'Sign in to Retainer', email: 'Email', password: 'Password', submit: 'Sign in', failed: 'Wrong email or password', rateLimited: 'Too many attempts, wait a minute', demo: 'Demo: owner@demo.local / demo' },
  common: {
    loading: 'Loading…', error: 'Could not load data', retry: 'Retry', save: 'Save', cancel: 'Cancel', delete: 'Delete', edit: 'Edit',
    add: 'Add', close: 'Close', none: '—', search: 'Search', notFound: 'Not found', confirmDelete: 'Delete this entry?', saved: 'Saved',
    period: 'Period', all: 'All', total: 'Total', hoursShort: 'h', open: 'Open', yes: 'Yes', no: 'No', notAvailableYet: 'Not available on the server yet',
    nothing: 'Nothing yet', more: '{{count}} more', of: 'of {{total}}', previousMonth: 'Previous month', nextMonth: 'Next month', name: 'Name', status: 'Status',
    forbidden: 'Not allowed', conflict: 'The record has changed, reload', serverError: 'Server error',
  },
  dashboard: {
    legendPlan: 'plan', legendFact: 'fact (colour = light)', legendOver: 'over plan', legendToday: 'expected by today', title: 'Dashboard', employee: 'Employee', allEmployees: 'All employees', serviceType: 'Service', allServiceTypes: 'All services',
    searchPlaceholder: 'Client or service', searchHint: 'Press / to search', turnover: 'Turnover', clients: 'Clients', services: 'Services',
    sort: 'Sort', sortOverrun: 'Overrun', sortMargin: 'Margin', sortFee: 'Fee', sortName: 'Name', attention: 'Needs attention',
    empty: 'Nothing found', emptyPeriod: 'No services in this period', notAvailable: 'The dashboard is not available on the server yet', previous: 'Prev.', current: 'Now',
    planFact: '{{plan}} / {{fact}} h', planFactTitle: 'plan / fact, h', fee: 'Fee', specialist: 'Specialist', manager: 'Account manager', margin: 'Margin',
    recommendations: 'Recommendations: {{count}}', recommendationsOverdue: '{{count}} overdue', calls: 'Calls: {{count}} ({{minutes}} min)', lastContact: 'Last contact {{date}}',
    noSpecialist: 'Unassigned', projectionWarning: 'Projected: {{light}}', todayLine: 'Today: {{hours}} h expected', documents: 'Documents',
    shown: '{{clients}} clients shown', noPlan: 'no plan',
  },
  light: { blue: 'on track', yellow: 'watch', red: 'overrun' },
  formula: {
    overrun: 'Overrun = fact ÷ plan − 1 = {{fact}} ÷ {{plan}} − 1 = {{value}}',
    noPlan: 'Plan 0 h, {{fact}} h logged — red',
    thresholds: 'Blue: ≤ 0%; yellow: 0 to 20%; red: > 20%',
    projection: 'Projection = fact ÷ elapsed share = {{fact}} ÷ {{share}} = {{value}} h',
    expected: 'Expected by today = plan × share = {{value}} h',
    margin: 'Margin = fee − labour cost ({{cost}})',
  },
  client: {
    card: 'Client', requisites: 'Requisites', contacts: 'Contacts', services: 'Services', recentTime: 'Recent time entries', calls: 'Calls',
    recommendations: 'Recommendations', audit: 'Change history', legal_name: 'Legal name', inn: 'INN', kpp: 'KPP', ogrn: 'OGRN', legal_address: 'Legal address',
    bank_name: 'Bank', bik: 'BIK', bank_account: 'Settlement account', correspondent_account: 'Correspondent account', phone: 'Phone', email: 'Email', website: 'Website',
    source: 'Source', account_manager: 'Account manager', tags: 'Tags', note: 'Note', primary: 'primary', noContacts: 'No contacts', noCalls: 'No calls',
    noRecommendations: 'No recommendations', callsUnavailable: 'Calls are not connected yet', recommendationsUnavailable: 'Recommendations are not connected yet',
    auditEmpty: 'No changes', newClient: 'New client', manager: 'Manager',
  },
  service: {
    card: 'Service', type: 'Service type', fee: 'Monthly fee', adBudget: 'Ad budget', rate: 'Planning rate', starts: 'Starts', ends: 'Ends',
    specialist: 'Specialist', manager: 'Account manager', client: 'Client', chart: 'Plan and fact by month, h', plan: 'Plan', fact: 'Fact', entries: 'Time entries in {{month}}',
    noEntries: 'No entries', documents: 'Working documents', perHour: '{{money}}/h',
  },
  employee: { loadHint: 'Plan: services the employee is assigned to; fact: their own hours. Right: the whole service (plan / fact), coloured by its light.', ownPlanFact: 'plan / own fact, h', serviceTotal: 'whole service', helping: 'helping, not assigned', card: 'Employee', load: 'Load in {{month}}', planned: 'Plan', actual: 'Fact', role: 'Role', position: 'Position', email: 'Email', phone: 'Phone', noServices: 'No services in this period', group: 'Group' },
  time: {
    title: 'Time', quickAdd: 'Log time', editEntry: 'Edit entry', service: 'Service', servicePlaceholder: 'Find a service or client', date: 'Date',
    hours: 'Time', parsed: '= {{hours}} h {{minutes}} min', hoursHint: '"1:30" or "1.5"', note: 'Note', invalidHours: 'Enter time as 1:30 or 1.5', required: 'Required', created: 'Time logged',
    updated: 'Entry updated', deleted: 'Entry deleted', employee: 'Employee', source: 'Source', minutes: '{{value}} min', month: 'Month', onlyMine: 'Only mine', totalHours: 'Total: {{hours}} h',
    sources: { manual: 'manual', timer: 'timer', redmine: 'Redmine', import: 'import' },
  },
  timer: { start: 'Start timer', stop: 'Stop timer', running: 'Timer running' },
  report: {
    title: 'Time report', rows: 'Rows', cols: 'Columns', from: 'From', to: 'To', build: 'Build', csv: 'CSV', xlsx: 'Excel (XLSX)', total: 'Total',
    day: 'Day', week: 'Week', month: 'Month', notAvailable: 'The report is not available on the server yet', empty: 'No data for the range', labourCost: 'Labour cost', hoursNote: 'Hours',
    dims: { client: 'Client', service: 'Service', service_type: 'Service type', employee: 'Employee', direction: 'Direction', group: 'Group' }, noGroup: '(no group)', filters: 'Filters',
  },
  list: { clients: 'Clients', services: 'Services', employees: 'Employees', searchPlaceholder: 'Search by name', count: 'Total: {{count}}' },
  status: { lead: 'lead', active: 'active', paused: 'paused', churned: 'churned', finished: 'finished' },
  roles: { owner: 'owner', head: 'head of direction', manager: 'account manager', specialist: 'specialist', sales: 'sales manager', lead_generator: 'lead generator', quality: 'quality control', accountant: 'accountant', client: 'client' },
  directions: { seo: 'SEO', ads: 'Ads', smm: 'SMM', dev: 'Development', support: 'Support', reputation: 'Reputation' },
  calls: { in: 'incoming', out: 'outgoing', missed: 'missed', duration: '{{minutes}}:{{seconds}}' },
  recs: { draft: 'draft', sent: 'sent', approved: 'approved', rejected: 'rejected', implemented: 'implemented', due: 'due' },
  serverErrors: {
    required: 'required', future: 'cannot log time in the future', dayOver24: 'more than 24 hours would be logged on that day',
    noSuch: 'not found', activeEmployee: 'must be an active employee', date: 'a date YYYY-MM-DD', maxLength: 'at most {{n}} characters',
    email: 'must be an email address', url: 'must be an http(s) URL', beforeStart: 'must not be before the start', inn: '10 or 12 digits', doesNotMatch: 'does not match',
  },
  audit: { create: 'created', update: 'updated', delete: 'deleted', archive: 'archived', restore: 'restored', by: 'by' },
};
