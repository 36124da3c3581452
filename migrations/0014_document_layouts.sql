-- The shipped templates as customers expect the documents (issue 9): dates as 07.12.2026, the
-- parties' full requisites, «Счёт на оплату» in the standard Russian layout (the payee's bank
-- block, the buyer with ИНН/КПП, totals, the number of lines and the amount in words, signatures),
-- no empty punctuation when a value is missing, one ₽. Only templates the agency has not edited
-- (version 1) change.
UPDATE document_templates SET body_html = '<h1>Коммерческое предложение № {{document.number}} от {{document.date}}</h1>
<table class="parties"><tr><th>Кому</th><td><strong>{{client.legal_name}}</strong>{{#client.other_name}} ({{client.other_name}}){{/client.other_name}}{{#deal.contact_name}}, {{deal.contact_name}}{{/deal.contact_name}}</td></tr>
<tr><th>От кого</th><td><strong>{{agency.legal_name}}</strong>{{#agency.phone}}, тел. {{agency.phone}}{{/agency.phone}}{{#agency.email}}, {{agency.email}}{{/agency.email}}</td></tr></table>
<div class="scroll"><table class="lines"><thead><tr><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Скидка</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{price}}</td><td class="num">{{discount}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="6">Итого</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="6">{{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="6">Всего</th><th class="num">{{estimate.total}}</th></tr></tfoot></table></div>
<p>Предложение действительно 14 дней.</p>'
WHERE kind = 'proposal' AND name = 'Коммерческое предложение' AND version = 1;

UPDATE document_templates SET body_html = '<h1>Договор оказания услуг № {{document.number}}</h1>
<p class="date">{{document.date}}</p>
<p><strong>{{agency.legal_name}}</strong>, именуемое в дальнейшем «Исполнитель», в лице {{agency.director}}, и <strong>{{client.legal_name}}</strong>, именуемое в дальнейшем «Заказчик», заключили настоящий договор о нижеследующем.</p>
<h2>1. Предмет договора</h2>
<p>1.1. Исполнитель оказывает Заказчику услуги, перечисленные ниже, а Заказчик принимает и оплачивает их.</p>
<div class="scroll"><table class="lines"><thead><tr><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody></table></div>
<h2>2. Стоимость и порядок расчётов</h2>
<p>2.1. Стоимость услуг — {{estimate.total}} ({{estimate.total_in_words}}), {{estimate.vat_label}}.</p>
<p>2.2. Оплата производится на основании счёта в течение 5 банковских дней.</p>
<h2>3. Реквизиты и подписи сторон</h2>
<div class="scroll"><table class="parties requisites"><thead><tr><th>Исполнитель</th><th>Заказчик</th></tr></thead><tbody><tr>
<td><strong>{{agency.legal_name}}</strong><br>ИНН {{agency.inn}}{{#agency.kpp}}, КПП {{agency.kpp}}{{/agency.kpp}}<br>ОГРН {{agency.ogrn}}<br>{{agency.address}}<br>р/с {{agency.bank_account}}<br>{{agency.bank_name}}<br>БИК {{agency.bik}}, к/с {{agency.correspondent_account}}<p class="sign">_______________ / {{agency.director}} /</p></td>
<td><strong>{{client.legal_name}}</strong><br>ИНН {{client.inn}}{{#client.kpp}}, КПП {{client.kpp}}{{/client.kpp}}<br>ОГРН {{client.ogrn}}<br>{{client.legal_address}}<br>р/с {{client.bank_account}}<br>{{client.bank_name}}<br>БИК {{client.bik}}, к/с {{client.correspondent_account}}<p class="sign">_______________ / _______________ /</p></td>
</tr></tbody></table></div>'
WHERE kind = 'contract' AND name = 'Договор оказания услуг' AND version = 1;

UPDATE document_templates SET body_html = '<div class="scroll"><table class="bank"><tbody>
<tr><td colspan="2" rowspan="2">{{agency.bank_name}}<br><small>Банк получателя</small></td><td>БИК</td><td>{{agency.bik}}</td></tr>
<tr><td>Сч. №</td><td>{{agency.correspondent_account}}</td></tr>
<tr><td>ИНН {{agency.inn}}</td><td>КПП {{agency.kpp}}</td><td rowspan="2">Сч. №</td><td rowspan="2">{{agency.bank_account}}</td></tr>
<tr><td colspan="2">{{agency.legal_name}}<br><small>Получатель</small></td></tr>
</tbody></table></div>
<h1>Счёт на оплату № {{document.number}} от {{document.date}}</h1>
<table class="parties"><tr><th>Поставщик (Исполнитель)</th><td><strong>{{agency.legal_name}}</strong>, ИНН {{agency.inn}}{{#agency.kpp}}, КПП {{agency.kpp}}{{/agency.kpp}}, {{agency.address}}{{#agency.phone}}, тел. {{agency.phone}}{{/agency.phone}}</td></tr>
<tr><th>Покупатель (Заказчик)</th><td><strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}{{#client.kpp}}, КПП {{client.kpp}}{{/client.kpp}}, {{client.legal_address}}</td></tr></table>
<div class="scroll"><table class="lines"><thead><tr><th>№</th><th>Товары (работы, услуги)</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{net_price}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="5">Итого</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="5">В том числе: {{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="5">Всего к оплате</th><th class="num">{{estimate.total}}</th></tr></tfoot></table></div>
<p>Всего наименований {{estimate.lines_count}}, на сумму {{estimate.total}}</p>
<p><strong>{{estimate.total_in_words}}</strong></p>
<div class="signs"><p>Руководитель _______________ {{agency.director}}</p><p>Бухгалтер _______________ {{agency.accountant}}</p></div>'
WHERE kind = 'invoice' AND name = 'Счёт на оплату' AND version = 1;

UPDATE document_templates SET body_html = '<h1>Акт № {{document.number}} от {{document.date}}</h1>
<table class="parties"><tr><th>Исполнитель</th><td><strong>{{agency.legal_name}}</strong>, ИНН {{agency.inn}}{{#agency.kpp}}, КПП {{agency.kpp}}{{/agency.kpp}}, {{agency.address}}</td></tr>
<tr><th>Заказчик</th><td><strong>{{client.legal_name}}</strong>, ИНН {{client.inn}}{{#client.kpp}}, КПП {{client.kpp}}{{/client.kpp}}, {{client.legal_address}}</td></tr></table>
<div class="scroll"><table class="lines"><thead><tr><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Сумма</th></tr></thead><tbody>
{{#estimate.lines}}<tr><td>{{n}}</td><td>{{name}}</td><td class="num">{{quantity}}</td><td>{{unit}}</td><td class="num">{{net_price}}</td><td class="num">{{amount}}</td></tr>{{/estimate.lines}}
</tbody><tfoot><tr><th colspan="5">Итого</th><th class="num">{{estimate.net}}</th></tr>
<tr><th colspan="5">В том числе: {{estimate.vat_label}}</th><th class="num">{{estimate.vat}}</th></tr>
<tr><th colspan="5">Всего</th><th class="num">{{estimate.total}}</th></tr></tfoot></table></div>
<p>Всего оказано услуг {{estimate.lines_count}}, на сумму {{estimate.total}}: {{estimate.total_in_words}}.</p>
<p>Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.</p>
<div class="scroll"><table class="parties requisites"><thead><tr><th>Исполнитель</th><th>Заказчик</th></tr></thead><tbody><tr>
<td>{{agency.legal_name}}<p class="sign">_______________ / {{agency.director}} /</p></td>
<td>{{client.legal_name}}<p class="sign">_______________ / _______________ /</p></td>
</tr></tbody></table></div>'
WHERE kind = 'act' AND name = 'Акт оказанных услуг' AND version = 1;
