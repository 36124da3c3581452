-- A stage's role says what happens there (issue 10): the deal card opens the matching tab, and an
-- accepted proposal moves its deal past the stage whose role is proposal_sent. Behaviour follows
-- the role, never the stage's name, so an agency may rename its stages freely. Existing stages
-- get the role their starter or demo name meant; at most one stage per pipeline holds each role.
ALTER TABLE pipeline_stages ADD COLUMN role TEXT;

UPDATE pipeline_stages SET role = CASE name
    WHEN 'Бриф' THEN 'brief'
    WHEN 'Расчёт' THEN 'estimate'
    WHEN 'Прототип и смета' THEN 'estimate'
    WHEN 'КП отправлено' THEN 'proposal_sent'
    WHEN 'Договор' THEN 'contract'
END
WHERE kind = 'open' AND archived_at IS NULL
  AND name IN ('Бриф', 'Расчёт', 'Прототип и смета', 'КП отправлено', 'Договор')
  AND NOT EXISTS (
      SELECT 1 FROM pipeline_stages o
      WHERE o.pipeline_id = pipeline_stages.pipeline_id AND o.archived_at IS NULL
        AND o.kind = 'open' AND o.id <> pipeline_stages.id
        AND (CASE o.name WHEN 'Бриф' THEN 'brief' WHEN 'Расчёт' THEN 'estimate'
                         WHEN 'Прототип и смета' THEN 'estimate'
                         WHEN 'КП отправлено' THEN 'proposal_sent' WHEN 'Договор' THEN 'contract' END)
            = (CASE pipeline_stages.name WHEN 'Бриф' THEN 'brief' WHEN 'Расчёт' THEN 'estimate'
                         WHEN 'Прототип и смета' THEN 'estimate'
                         WHEN 'КП отправлено' THEN 'proposal_sent' WHEN 'Договор' THEN 'contract' END)
        AND (o.position < pipeline_stages.position
             OR (o.position = pipeline_stages.position AND o.id < pipeline_stages.id)));

CREATE INDEX pipeline_stages_role ON pipeline_stages(pipeline_id, role);
