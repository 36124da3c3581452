-- Live documents (docs/documents.md): templates, documents with gapless numbers per kind and year,
-- secret public links and the record of their views.

CREATE TABLE document_templates (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    body_html TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per kind and year; incremented in the transaction that creates the document.
CREATE TABLE document_counters (
    kind TEXT NOT NULL,
    year BIGINT NOT NULL,
    last_number BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, year)
);

CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    year BIGINT NOT NULL,
    sequence BIGINT NOT NULL,
    template_id BIGINT REFERENCES document_templates(id),
    deal_id BIGINT REFERENCES deals(id),
    client_id BIGINT REFERENCES clients(id),
    title TEXT NOT NULL,
    body_html TEXT,
    status TEXT NOT NULL DEFAULT 'draft',
    public_url TEXT,
    public_token_hash TEXT UNIQUE,
    shared_at TEXT,
    expires_at TEXT,
    revoked_at TEXT,
    accepted_at TEXT,
    accepted_by_name TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, year, sequence)
);
CREATE INDEX documents_deal ON documents(deal_id);
CREATE INDEX documents_client ON documents(client_id);

CREATE TABLE document_views (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    at TEXT NOT NULL,
    ip_hash TEXT NOT NULL
);
CREATE INDEX document_views_document ON document_views(document_id, at);

-- The agency's own requisites for {{agency.*}}.
INSERT INTO settings (key, value) VALUES ('agency_name', 'Агентство');
INSERT INTO settings (key, value) VALUES ('agency_requisites', '');

INSERT INTO document_templates (kind, name, body_html, search_text, created_at, updated_at) VALUES
('proposal', 'Коммерческое предложение', '<h1>Коммерческое предложение № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Кому: <strong>{{client.legal_name}}</strong> ({{client.name}})</p>
<p>От: <strong>{{agency.name}}</strong></p>
<h2>{{deal.title}}</h2>
<table class="lines"><thead><tr><th>Услуга</th><th>Сумма, ₽</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{name}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th>Итого</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>
<p>Предложение действительно 14 дней.</p>
<h3>Реквизиты исполнителя</h3><p class="requisites">{{agency.requisites}}</p>', 'коммерческое предложение', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('contract', 'Договор оказания услуг', '<h1>Договор № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p><strong>{{agency.name}}</strong>, именуемое «Исполнитель», и <strong>{{client.legal_name}}</strong> (ИНН {{client.inn}}), именуемое «Заказчик», заключили настоящий договор о нижеследующем.</p>
<h2>1. Предмет договора</h2><p>Исполнитель оказывает услуги: {{deal.title}}.</p>
<h2>2. Стоимость</h2><p>Стоимость услуг: {{estimate.total}} ₽.</p>
<h2>3. Реквизиты сторон</h2>
<p><strong>Исполнитель:</strong> {{agency.requisites}}</p>
<p><strong>Заказчик:</strong> {{client.legal_name}}, ИНН {{client.inn}}, КПП {{client.kpp}}, {{client.legal_address}}, р/с {{client.bank_account}} в {{client.bank_name}}, БИК {{client.bik}}</p>', 'договор оказания услуг', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('invoice', 'Счёт на оплату', '<h1>Счёт на оплату № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Поставщик: <strong>{{agency.name}}</strong>, {{agency.requisites}}</p>
<p>Покупатель: <strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}</p>
<table class="lines"><thead><tr><th>Наименование</th><th>Сумма, ₽</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{name}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th>Итого к оплате</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>', 'счёт на оплату', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('act', 'Акт оказанных услуг', '<h1>Акт № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p>Исполнитель: <strong>{{agency.name}}</strong>. Заказчик: <strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}.</p>
<table class="lines"><thead><tr><th>Услуга</th><th>Сумма, ₽</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{name}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th>Итого</th><th class="num">{{estimate.total}}</th></tr></tfoot></table>
<p>Услуги оказаны полностью и в срок. Заказчик претензий по объёму, качеству и срокам не имеет.</p>', 'акт оказанных услуг', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
