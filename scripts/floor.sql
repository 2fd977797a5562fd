-- The "floor" of issue 5: the figures of one day's tally (SPEC §5) computed by one
-- hand-written query in the sqlite3 shell, on the same file and the same indexes as
-- `legaldesk tally --date D --format json`. scripts/bench.sh times both from the same run.
--
--   sqlite3 FILE ".param set :d \"'2026-11-20'\"" ".read scripts/floor.sql"
--
-- Settings are the defaults (target wait 20 min, group threshold 5), as on a demo database.
-- The output is one JSON object with the tally's figures (codes with zero counts included).
WITH
v AS (SELECT id, ticket, channel, lane, urgent, matter, parties, utc_offset_s
        FROM visits WHERE business_date = :d),
s AS (SELECT st.*, v.utc_offset_s FROM v JOIN steps st ON st.visit_id = v.id),
svc(code) AS (VALUES ('consult'),('legal_aid'),('notary'),('mediation'),('drafting')),
chan(code) AS (VALUES ('walk_in'),('hotline'),('online'),('appointment'),('referral_in'),('outreach')),
lanes(code) AS (VALUES ('normal'),('elderly'),('disabled'),('minor'),('military'),('migrant_worker'),
                       ('dv_victim'),('martyr_family'),('good_samaritan')),
matters(code) AS (VALUES ('labor'),('family'),('inheritance'),('neighbor'),('property'),('contract'),
                         ('traffic'),('medical'),('injury'),('consumer'),('criminal'),('administrative'),('other')),
outs(service, code) AS (VALUES
  ('consult','answered'),('consult','advised_route'),('consult','external'),('consult','callback'),
  ('legal_aid','application_accepted'),('legal_aid','supplement'),('legal_aid','not_eligible'),
  ('legal_aid','advice_only'),('legal_aid','withdrawn'),
  ('notary','accepted'),('notary','supplement'),('notary','advice_only'),('notary','declined'),
  ('mediation','agreement_written'),('mediation','agreement_oral'),('mediation','failed'),
  ('mediation','refused'),('mediation','ongoing'),
  ('drafting','drafted'),('drafting','declined')),
all_outs(service, code) AS (SELECT * FROM outs UNION ALL SELECT code, 'referred' FROM svc
                            UNION ALL SELECT code, 'returned' FROM svc),
hours(h) AS (SELECT printf('%02d', value) FROM generate_series(0, 23)),
waits AS (SELECT service, called_at - queued_at AS x,
                 row_number() OVER (PARTITION BY service ORDER BY called_at - queued_at) AS rn,
                 count(*) OVER (PARTITION BY service) AS n
            FROM s WHERE called_at IS NOT NULL),
durs AS (SELECT service, finished_at - started_at AS x,
                row_number() OVER (PARTITION BY service ORDER BY finished_at - started_at) AS rn,
                count(*) OVER (PARTITION BY service) AS n
           FROM s WHERE status = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL),
stats(kind, service, n, mean, median, p90, mx) AS (
  SELECT 'wait', service, max(n), round(avg(x), 1),
         max(CASE WHEN rn = (50 * n + 99) / 100 THEN x END),
         max(CASE WHEN rn = (90 * n + 99) / 100 THEN x END), max(x) FROM waits GROUP BY service
  UNION ALL
  SELECT 'service', service, max(n), round(avg(x), 1),
         max(CASE WHEN rn = (50 * n + 99) / 100 THEN x END),
         max(CASE WHEN rn = (90 * n + 99) / 100 THEN x END), max(x) FROM durs GROUP BY service),
stat_json AS (SELECT svc.code AS service, kind.k AS kind,
                     json_object('n', coalesce(st.n, 0), 'mean', st.mean, 'median', st.median,
                                 'p90', st.p90, 'max', st.mx) AS j
                FROM svc CROSS JOIN (SELECT 'wait' AS k UNION ALL SELECT 'service') kind
                LEFT JOIN stats st ON st.service = svc.code AND st.kind = kind.k),
per_service AS (
  SELECT svc.code AS service,
    json_object(
      'arrivals', (SELECT count(*) FROM s WHERE service = svc.code),
      'done', (SELECT count(*) FROM s WHERE service = svc.code AND status = 'done'),
      'no_show', (SELECT count(*) FROM s WHERE service = svc.code AND status = 'no_show'),
      'cancelled', (SELECT count(*) FROM s WHERE service = svc.code AND status = 'cancelled'),
      'unfinished', (SELECT count(*) FROM s WHERE service = svc.code AND status = 'unfinished'),
      'outcomes', (SELECT json_group_object(o.code, (SELECT count(*) FROM s WHERE service = svc.code
                                                     AND status = 'done' AND outcome = o.code))
                     FROM all_outs o WHERE o.service = svc.code),
      'wait_s', (SELECT json(j) FROM stat_json WHERE service = svc.code AND kind = 'wait'),
      'service_s', (SELECT json(j) FROM stat_json WHERE service = svc.code AND kind = 'service'),
      'within_target', (SELECT round(CAST(sum(called_at - queued_at <= 1200) AS REAL) / count(*), 4)
                          FROM s WHERE service = svc.code AND called_at IS NOT NULL)) AS j
  FROM svc),
desks AS (SELECT kind, code, json_object('served', sum(st.status = 'done'),
                 'service_s_mean', round(avg(CASE WHEN st.status = 'done' THEN st.finished_at - st.started_at END), 1),
                 'satisfaction', json_object('satisfied', sum(st.status = 'done' AND st.rating = 'satisfied'),
                                             'basic', sum(st.status = 'done' AND st.rating = 'basic'),
                                             'unsatisfied', sum(st.status = 'done' AND st.rating = 'unsatisfied'))) AS j
            FROM (SELECT 'window' AS kind, w.code, s.* FROM s JOIN windows w ON w.id = s.window_id
                  UNION ALL SELECT 'staff', p.code, s.* FROM s JOIN staff p ON p.id = s.staff_id) st
           WHERE st.status = 'done' GROUP BY kind, code),
med AS (SELECT sum(outcome IN ('agreement_written', 'agreement_oral')) AS ok,
               sum(outcome IN ('agreement_written', 'agreement_oral', 'failed', 'refused')) AS den
          FROM s WHERE service = 'mediation' AND status = 'done'),
sat AS (SELECT sum(rating = 'satisfied') AS sa, sum(rating = 'basic') AS ba, sum(rating = 'unsatisfied') AS un,
               count(rating) AS rated, count(*) AS done FROM s WHERE status = 'done')
SELECT json_object(
  'visits', (SELECT count(*) FROM v),
  'by_channel', (SELECT json_group_object(code, (SELECT count(*) FROM v WHERE channel = chan.code)) FROM chan),
  'by_lane', (SELECT json_group_object(code, (SELECT count(*) FROM v WHERE lane = lanes.code)) FROM lanes),
  'by_matter', (SELECT json_group_object(code, (SELECT count(*) FROM v WHERE matter = matters.code)) FROM matters),
  'urgent', (SELECT count(*) FROM v WHERE urgent),
  'group_visits', (SELECT count(*) FROM v WHERE parties >= 5),
  'hourly_arrivals', (SELECT json_group_object(h, (SELECT count(*) FROM s WHERE seq = 1
                        AND strftime('%H', queued_at + utc_offset_s, 'unixepoch') = hours.h)) FROM hours),
  'services', (SELECT json_group_object(service, json(j)) FROM per_service),
  'referrals', (SELECT json_group_object(pair, n) FROM (
                  SELECT a.service || '>' || b.service AS pair, count(*) AS n
                    FROM s a JOIN s b ON b.visit_id = a.visit_id AND b.seq = a.seq + 1 GROUP BY 1)),
  'windows', (SELECT json_group_object(code, json(j)) FROM desks WHERE kind = 'window'),
  'staff', (SELECT json_group_object(code, json(j)) FROM desks WHERE kind = 'staff'),
  'mediation_success_rate', (SELECT CASE WHEN den > 0 THEN round(CAST(ok AS REAL) / den, 4) END FROM med),
  'legal_aid_applications', (SELECT count(*) FROM s WHERE service = 'legal_aid' AND status = 'done'
                               AND outcome = 'application_accepted'),
  'documents_drafted', (SELECT coalesce(sum(quantity), 0) FROM s WHERE status = 'done' AND outcome = 'drafted'),
  'amount_recovered_yuan', (SELECT printf('%d.%02d', coalesce(sum(amount_fen), 0) / 100,
                                          coalesce(sum(amount_fen), 0) % 100) FROM s),
  'satisfaction', (SELECT json_object('satisfied', sa, 'basic', ba, 'unsatisfied', un, 'rated', rated,
                          'rate', CASE WHEN rated > 0 THEN round(CAST(sa + ba AS REAL) / rated, 4) END,
                          'rated_share', CASE WHEN done > 0 THEN round(CAST(rated AS REAL) / done, 4) END) FROM sat),
  'closed', (SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = :d)),
  'unfinished_list', (SELECT json_group_array(ticket) FROM (SELECT DISTINCT v.ticket FROM v JOIN steps st
                        ON st.visit_id = v.id WHERE st.status IN ('waiting','called','serving','on_hold')
                        ORDER BY v.ticket))
);
