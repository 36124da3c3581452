-- Sales paperwork (docs/paperwork.md): brief templates and briefs with secret links, the price
-- list, estimates (one row per revision), notifications and the mail outbox.

CREATE TABLE brief_templates (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    service_type_id BIGINT REFERENCES service_types(id),
    description TEXT,
    questions TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE briefs (
    id BIGSERIAL PRIMARY KEY,
    deal_id BIGINT NOT NULL REFERENCES deals(id),
    template_id BIGINT REFERENCES brief_templates(id),
    title TEXT NOT NULL,
    questions TEXT NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'draft',
    public_url TEXT,
    public_token_hash TEXT UNIQUE,
    sent_at TEXT,
    expires_at TEXT,
    saved_at TEXT,
    submitted_at TEXT,
    revoked_at TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX briefs_deal ON briefs(deal_id);
CREATE INDEX briefs_submitted ON briefs(submitted_at);

CREATE TABLE price_items (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    pricing TEXT NOT NULL,
    price_kopecks BIGINT,
    rate_kopecks BIGINT,
    minutes_per_unit BIGINT,
    unit_price_kopecks BIGINT NOT NULL DEFAULT 0,
    service_type_id BIGINT REFERENCES service_types(id),
    description TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE estimates (
    id BIGSERIAL PRIMARY KEY,
    deal_id BIGINT NOT NULL REFERENCES deals(id),
    revision BIGINT NOT NULL,
    title TEXT,
    lines TEXT NOT NULL,
    tax_mode TEXT NOT NULL,
    vat_rate_percent BIGINT NOT NULL,
    cost_rate_kopecks BIGINT NOT NULL,
    minutes BIGINT NOT NULL DEFAULT 0,
    net_kopecks BIGINT NOT NULL DEFAULT 0,
    vat_kopecks BIGINT NOT NULL DEFAULT 0,
    total_kopecks BIGINT NOT NULL DEFAULT 0,
    discount_kopecks BIGINT NOT NULL DEFAULT 0,
    cost_kopecks BIGINT NOT NULL DEFAULT 0,
    margin_kopecks BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft',
    proposal_document_id BIGINT REFERENCES documents(id),
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (deal_id, revision)
);

ALTER TABLE documents ADD COLUMN estimate_id BIGINT REFERENCES estimates(id);

CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    deal_id BIGINT REFERENCES deals(id),
    entity TEXT,
    entity_id BIGINT,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);

CREATE TABLE mail_outbox (
    id BIGSERIAL PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX mail_outbox_status ON mail_outbox(status, id);

INSERT INTO settings (key, value) VALUES ('tax_mode', 'vat');
INSERT INTO settings (key, value) VALUES ('estimate_cost_rate_kopecks', '0');
INSERT INTO settings (key, value) VALUES ('proposal_followup_days', '3');

INSERT INTO brief_templates (name, description, questions, search_text, created_at, updated_at) VALUES
('Бриф на SEO-продвижение', 'Для расчёта продвижения сайта в поиске',
 '[{"key":"site","type":"url","label":"Адрес сайта","help":"","required":true,"options":[]},{"key":"region","type":"text","label":"Регион продвижения","help":"Город, область или вся Россия","required":true,"options":[]},{"key":"goals","type":"multi_choice","label":"Цели","help":"","required":true,"options":["Рост трафика","Заявки и продажи","Узнаваемость","Вывод новых разделов"]},{"key":"competitors","type":"long_text","label":"Конкуренты","help":"Сайты, на которые вы ориентируетесь","required":false,"options":[]},{"key":"budget","type":"number","label":"Бюджет в месяц, ₽","help":"","required":false,"options":[]},{"key":"cms","type":"choice","label":"Движок сайта","help":"","required":false,"options":["1С-Битрикс","WordPress","Tilda","Самописный","Другой"]},{"key":"materials","type":"file_link","label":"Ссылка на материалы","help":"Папка с доступами, прайсом, отчётами","required":false,"options":[]}]',
 'бриф на seo-продвижение', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('Бриф на контекстную рекламу', 'Яндекс Директ и другие рекламные системы',
 '[{"key":"site","type":"url","label":"Сайт или посадочная страница","help":"","required":true,"options":[]},{"key":"product","type":"long_text","label":"Что рекламируем","help":"Товары или услуги, их отличия","required":true,"options":[]},{"key":"geo","type":"text","label":"География показов","help":"","required":true,"options":[]},{"key":"systems","type":"multi_choice","label":"Рекламные системы","help":"","required":true,"options":["Яндекс Директ","VK Реклама","Google Ads"]},{"key":"ad_budget","type":"number","label":"Рекламный бюджет в месяц, ₽","help":"Без учёта нашей работы","required":true,"options":[]},{"key":"lead_cost","type":"number","label":"Желаемая стоимость заявки, ₽","help":"","required":false,"options":[]},{"key":"analytics","type":"choice","label":"Стоит ли Метрика с целями","help":"","required":false,"options":["Да","Нет","Не знаю"]}]',
 'бриф на контекстную рекламу', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('Бриф на SMM', 'Ведение сообществ и таргетированная реклама',
 '[{"key":"networks","type":"multi_choice","label":"Площадки","help":"","required":true,"options":["ВКонтакте","Telegram","Одноклассники","Дзен"]},{"key":"audience","type":"long_text","label":"Целевая аудитория","help":"Кто покупает, возраст, интересы","required":true,"options":[]},{"key":"posts","type":"number","label":"Постов в месяц","help":"","required":false,"options":[]},{"key":"tone","type":"text","label":"Тон общения","help":"Например: дружеский, экспертный","required":false,"options":[]},{"key":"brandbook","type":"file_link","label":"Брендбук или примеры","help":"","required":false,"options":[]}]',
 'бриф на smm', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('Бриф на разработку сайта', 'Новый сайт или редизайн',
 '[{"key":"kind","type":"choice","label":"Тип сайта","help":"","required":true,"options":["Лендинг","Корпоративный сайт","Интернет-магазин","Каталог"]},{"key":"current","type":"url","label":"Текущий сайт, если есть","help":"","required":false,"options":[]},{"key":"pages","type":"number","label":"Примерное число страниц","help":"","required":false,"options":[]},{"key":"features","type":"multi_choice","label":"Нужно","help":"","required":false,"options":["Каталог","Корзина и оплата","Личный кабинет","Интеграция с 1С","Мультиязычность"]},{"key":"examples","type":"long_text","label":"Сайты, которые нравятся, и чем","help":"","required":false,"options":[]},{"key":"deadline","type":"text","label":"Желаемый срок запуска","help":"","required":false,"options":[]}]',
 'бриф на разработку сайта', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- The shipped proposal, invoice and act templates get the estimate's columns (quantity, price,
-- discount, VAT); templates the agency already edited (version > 1) are left as they are.
UPDATE document_templates SET body_html = '<h1>Коммерческое предложение № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Кому: <strong>{{client.legal_name}}</strong> ({{client.name}})</p>
<p>От: <strong>{{agency.name}}</strong></p>
<h2>{{deal.title}}</h2>
<table class="lines"><thead><tr><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Скидка</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{price}}</td><td class="num">{{discount}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="6">Итого без НДС</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="6">{{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="6">Всего</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>
<p>Предложение действительно 14 дней.</p>
<h3>Реквизиты исполнителя</h3><p class="requisites">{{agency.requisites}}</p>'
WHERE kind = 'proposal' AND name = 'Коммерческое предложение' AND version = 1;

UPDATE document_templates SET body_html = '<h1>Счёт на оплату № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Поставщик: <strong>{{agency.name}}</strong>, {{agency.requisites}}</p>
<p>Покупатель: <strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}</p>
<table class="lines"><thead><tr><th>№</th><th>Наименование</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{net_price}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="5">Итого</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="5">{{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="5">Всего к оплате</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>'
WHERE kind = 'invoice' AND name = 'Счёт на оплату' AND version = 1;

UPDATE document_templates SET body_html = '<h1>Акт № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Исполнитель: <strong>{{agency.name}}</strong>. Заказчик: <strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}.</p>
<table class="lines"><thead><tr><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="4">Итого</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="4">{{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="4">Всего</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>
<p>Услуги оказаны полностью и в срок. Заказчик претензий по объёму, качеству и срокам не имеет.</p>'
WHERE kind = 'act' AND name = 'Акт оказанных услуг' AND version = 1;
