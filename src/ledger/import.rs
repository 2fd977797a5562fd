//! `legaldesk import`: decode the file, read the header, check every row, then the steps of
//! each visit together, then against the database — and only when nothing at all is wrong,
//! write everything in one IMMEDIATE transaction. Any problem means nothing is written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::columns::{Col, Layout};
use super::problem::{Problem, RowError};
use super::rows::{read_row, Row};
use crate::domain::codes::{Outcome, Role, Service};
use crate::domain::ticket::parse_ticket;
use crate::i18n::Lang;
use crate::service::audit;
use crate::service::settings::Settings;

/// How the file's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Gbk,
}

impl SourceEncoding {
    pub fn parse(text: &str) -> Option<SourceEncoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(SourceEncoding::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" => Some(SourceEncoding::Gbk),
            _ => None,
        }
    }
}

/// Most problems listed in one report; the count is always complete.
pub const REPORT_MAX: usize = 200;

#[derive(Debug)]
pub enum ImportError {
    /// The file cannot be read.
    Io(String),
    /// Problems in the file, every one with its line (and column); nothing was written.
    Rows(Vec<RowError>),
    /// The database refused the write; nothing was written.
    Db(crate::service::ServiceError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Db(e.into())
    }
}

impl ImportError {
    /// The full report: a summary line, then one line per problem (at most `REPORT_MAX`).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Io(detail) => match lang {
                Lang::Zh => format!("无法读取文件：{}", crate::domain::text::sanitize(detail)),
                Lang::En => format!(
                    "cannot read the file: {}",
                    crate::domain::text::sanitize(detail)
                ),
            },
            ImportError::Rows(errors) => {
                let mut text = match lang {
                    Lang::Zh => format!("导入失败：发现 {} 处错误，未写入任何数据", errors.len()),
                    Lang::En => format!(
                        "import failed: {} problem(s) found; nothing was written",
                        errors.len()
                    ),
                };
                for error in errors.iter().take(REPORT_MAX) {
                    text.push('\n');
                    text.push_str(&error.message(lang));
                }
                if errors.len() > REPORT_MAX {
                    text.push('\n');
                    text.push_str(&match lang {
                        Lang::Zh => format!("……另有 {} 处错误未列出", errors.len() - REPORT_MAX),
                        Lang::En => format!("... and {} more", errors.len() - REPORT_MAX),
                    });
                }
                text
            }
            ImportError::Db(e) => e.message(lang),
        }
    }
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub visits: usize,
    pub dates: usize,
    pub windows_created: Vec<String>,
    pub staff_created: Vec<String>,
}

/// Reads and decodes a ledger file.
pub fn read_file(path: &Path, encoding: SourceEncoding) -> Result<String, ImportError> {
    let bytes =
        std::fs::read(path).map_err(|e| ImportError::Io(format!("{}: {e}", path.display())))?;
    decode(&bytes, encoding)
}

fn line_at(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

/// Bytes to text: UTF-8 (a leading BOM is dropped) or GBK. Bad bytes are reported with the
/// line they are on.
pub fn decode(bytes: &[u8], encoding: SourceEncoding) -> Result<String, ImportError> {
    match encoding {
        SourceEncoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(text) => Ok(text.to_string()),
                Err(e) => {
                    let gbk = encoding_rs::GBK
                        .decode_without_bom_handling_and_without_replacement(body)
                        .is_some();
                    let line = line_at(body, e.valid_up_to());
                    Err(ImportError::Rows(vec![RowError::new(
                        line,
                        None,
                        Problem::NotUtf8 { gbk },
                    )]))
                }
            }
        }
        SourceEncoding::Gbk => {
            let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
            let mut text = String::with_capacity(bytes.len() * 3 / 2 + 16);
            let (result, read) =
                decoder.decode_to_string_without_replacement(bytes, &mut text, true);
            match result {
                encoding_rs::DecoderResult::InputEmpty => Ok(text),
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    Err(ImportError::Rows(vec![RowError::new(
                        line_at(bytes, read),
                        None,
                        Problem::NotGbk,
                    )]))
                }
                encoding_rs::DecoderResult::OutputFull => {
                    Err(ImportError::Io("decoder output full".into()))
                }
            }
        }
    }
}

/// Checks `text` (a whole ledger) and, when every row is good, writes it all.
pub fn import(
    conn: &mut Connection,
    text: &str,
    settings: &Settings,
    now: i64,
) -> Result<ImportReport, ImportError> {
    let rows = parse(text, settings)?;
    let visits = group(&rows)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let problems = check_database(&tx, &rows, &visits)?;
    if !problems.is_empty() {
        return Err(ImportError::Rows(problems));
    }
    let report = write(&tx, &rows, &visits, settings, now)?;
    tx.commit()?;
    Ok(report)
}

/// Reads the header and every row; all problems of the file, in line order.
fn parse(text: &str, settings: &Settings) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(ImportError::Rows(vec![RowError::new(
                1,
                None,
                Problem::NoHeader,
            )]))
        }
        Some(Err(e)) => return Err(ImportError::Rows(vec![csv_error(&e, 1)])),
        Some(Ok(record)) => record,
    };
    let layout = Layout::read(&header, 1).map_err(ImportError::Rows)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(&e, 0));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != layout.len {
            errors.push(RowError::new(
                line,
                None,
                Problem::FieldCount {
                    expected: layout.len,
                    found: record.len(),
                },
            ));
            continue;
        }
        match read_row(&layout, &record, line, settings.zone) {
            Ok(row) => rows.push(row),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rows(errors))
    }
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> RowError {
    let line = e.position().map_or(fallback_line, |p| p.line());
    RowError::new(line, None, Problem::Csv(e.to_string()))
}

/// The rows of one visit, by index into the row list, in `seq` order.
type Visits = BTreeMap<(chrono::NaiveDate, String), Vec<usize>>;

/// Groups rows into visits and checks the rules across a visit's steps.
fn group(rows: &[Row]) -> Result<Visits, ImportError> {
    let mut visits: Visits = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        visits
            .entry((row.date, row.ticket.clone()))
            .or_default()
            .push(index);
    }
    let mut errors = Vec::new();
    for steps in visits.values_mut() {
        let first = &rows[steps[0]];
        for &i in &steps[1..] {
            for col in first.visit.differences(&rows[i].visit) {
                errors.push(RowError::new(
                    rows[i].line,
                    Some(col),
                    Problem::VisitDisagrees {
                        first_line: first.line,
                    },
                ));
            }
        }
        steps.sort_by_key(|&i| (rows[i].seq, rows[i].line));
        let mut numbered = true;
        for (position, pair) in steps.windows(2).enumerate() {
            let (a, b) = (&rows[pair[0]], &rows[pair[1]]);
            if a.seq == b.seq {
                errors.push(RowError::new(b.line, Some(Col::Seq), Problem::SeqRepeated));
                numbered = false;
            } else if b.seq != position as i64 + 2 && numbered {
                errors.push(RowError::new(
                    b.line,
                    Some(Col::Seq),
                    Problem::SeqGap {
                        expected: position as i64 + 2,
                    },
                ));
                numbered = false;
            }
        }
        if rows[steps[0]].seq != 1 {
            errors.push(RowError::new(
                rows[steps[0]].line,
                Some(Col::Seq),
                Problem::SeqGap { expected: 1 },
            ));
            numbered = false;
        }
        if !numbered {
            continue;
        }
        for (position, &i) in steps.iter().enumerate() {
            let step = &rows[i];
            let next = steps.get(position + 1).map(|&n| &rows[n]);
            let hands_on = step.outcome.is_some_and(Outcome::creates_next_step);
            match next {
                None if hands_on => errors.push(RowError::new(
                    step.line,
                    Some(Col::Outcome),
                    Problem::NeedsNextStep,
                )),
                Some(next) => {
                    if step.outcome == Some(Outcome::Returned) && next.service != Service::Consult {
                        errors.push(RowError::new(
                            next.line,
                            Some(Col::Service),
                            Problem::ReturnedNotToConsult,
                        ));
                    }
                    if step
                        .finished_at
                        .is_some_and(|f| next.queued_at.local < f.local)
                    {
                        errors.push(RowError::new(
                            next.line,
                            Some(Col::QueuedAt),
                            Problem::BeforePreviousStep {
                                previous_line: step.line,
                            },
                        ));
                    }
                }
                None => {}
            }
        }
    }
    if errors.is_empty() {
        Ok(visits)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(ImportError::Rows(errors))
    }
}

/// Closed dates and tickets already taken: reported at the visit's first line.
fn check_database(
    conn: &Connection,
    rows: &[Row],
    visits: &Visits,
) -> rusqlite::Result<Vec<RowError>> {
    let mut errors = Vec::new();
    let mut closed_dates: HashMap<chrono::NaiveDate, bool> = HashMap::new();
    let mut closed_stmt =
        conn.prepare("SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = ?1)")?;
    let mut ticket_stmt =
        conn.prepare("SELECT 1 FROM visits WHERE business_date = ?1 AND ticket = ?2")?;
    for ((date, ticket), steps) in visits {
        let date_text = date.format("%Y-%m-%d").to_string();
        let line = steps.iter().map(|&i| rows[i].line).min().unwrap_or(0);
        let closed = match closed_dates.get(date) {
            // A closed date is reported once, at its first visit.
            Some(closed) => {
                if *closed {
                    continue;
                }
                false
            }
            None => {
                let closed: bool = closed_stmt.query_row([&date_text], |r| r.get(0))?;
                closed_dates.insert(*date, closed);
                closed
            }
        };
        if closed {
            errors.push(RowError::new(
                line,
                Some(Col::VisitDate),
                Problem::DateClosed,
            ));
            continue;
        }
        if ticket_stmt
            .query_row(params![date_text, ticket], |_| Ok(()))
            .optional()?
            .is_some()
        {
            errors.push(RowError::new(
                line,
                Some(Col::Ticket),
                Problem::TicketExists,
            ));
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(errors)
}

/// The role of a staff member created on import: the desk of the services they finished,
/// or the front desk (least privilege; they are inactive and cannot sign in anyway).
fn role_for(services: &BTreeSet<Service>) -> Role {
    let desks: BTreeSet<Role> = services
        .iter()
        .map(|s| match s {
            Service::LegalAid => Role::DutyLawyer,
            Service::Notary => Role::Notary,
            Service::Mediation => Role::Mediator,
            Service::Consult | Service::Drafting => Role::FrontDesk,
        })
        .collect();
    match desks.len() {
        1 => desks.into_iter().next().unwrap_or(Role::FrontDesk),
        _ => Role::FrontDesk,
    }
}

/// Window (or staff) codes to ids, creating the unknown ones.
fn ensure_codes(
    conn: &Connection,
    table: &str,
    seen: &BTreeMap<String, BTreeSet<Service>>,
    now: i64,
    created: &mut Vec<String>,
) -> rusqlite::Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    let mut find = conn.prepare(&format!("SELECT id FROM {table} WHERE code = ?1"))?;
    for (code, services) in seen {
        if let Some(id) = find.query_row([code], |r| r.get::<_, i64>(0)).optional()? {
            ids.insert(code.clone(), id);
            continue;
        }
        if table == "windows" {
            let list: Vec<&str> = Service::ALL
                .iter()
                .filter(|s| services.contains(s))
                .map(|s| s.code())
                .collect();
            let list = if list.is_empty() {
                Service::Consult.code().to_string()
            } else {
                list.join(",")
            };
            conn.execute(
                "INSERT INTO windows (code, services) VALUES (?1, ?2)",
                params![code, list],
            )?;
        } else {
            conn.execute(
                "INSERT INTO staff (code, name, role, pin_hash, active, created_at) VALUES (?1, ?1, ?2, NULL, 0, ?3)",
                params![code, role_for(services).code(), now],
            )?;
        }
        ids.insert(code.clone(), conn.last_insert_rowid());
        created.push(code.clone());
    }
    Ok(ids)
}

fn write(
    conn: &Connection,
    rows: &[Row],
    visits: &Visits,
    settings: &Settings,
    now: i64,
) -> rusqlite::Result<ImportReport> {
    let mut report = ImportReport {
        rows: rows.len(),
        visits: visits.len(),
        ..ImportReport::default()
    };
    let mut window_services: BTreeMap<String, BTreeSet<Service>> = BTreeMap::new();
    let mut staff_services: BTreeMap<String, BTreeSet<Service>> = BTreeMap::new();
    for row in rows {
        if let Some(code) = &row.window {
            window_services
                .entry(code.clone())
                .or_default()
                .insert(row.service);
        }
        if let Some(code) = &row.staff {
            staff_services
                .entry(code.clone())
                .or_default()
                .insert(row.service);
        }
    }
    let windows = ensure_codes(
        conn,
        "windows",
        &window_services,
        now,
        &mut report.windows_created,
    )?;
    let staff = ensure_codes(
        conn,
        "staff",
        &staff_services,
        now,
        &mut report.staff_created,
    )?;

    let mut visitor_stmt = conn.prepare(
        "INSERT INTO visitors (name, phone, id_type, id_number) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut visit_stmt = conn.prepare(
        "INSERT INTO visits (business_date, ticket, visitor_id, channel, lane, urgent, matter, parties, summary,
                             utc_offset_s, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'import')",
    )?;
    let mut step_stmt = conn.prepare(
        "INSERT INTO steps (visit_id, seq, service, status, queued_at, called_at, started_at, finished_at, window_id,
                            staff_id, outcome, reason, note, amount_fen, quantity, rating)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut counters: BTreeMap<(String, char), i64> = BTreeMap::new();
    let mut dates = BTreeSet::new();
    // Visits are stored in the order the file lists them.
    let mut in_file_order: Vec<(&(chrono::NaiveDate, String), &Vec<usize>)> =
        visits.iter().collect();
    in_file_order.sort_by_key(|(_, steps)| steps.iter().map(|&i| rows[i].line).min());
    for ((date, ticket), steps) in in_file_order {
        let first = &rows[steps[0]];
        let v = &first.visit;
        let date_text = date.format("%Y-%m-%d").to_string();
        let id_type = v.id_number.as_ref().map(|_| "resident_id");
        visitor_stmt.execute(params![v.name, v.phone, id_type, v.id_number])?;
        let visitor_id = conn.last_insert_rowid();
        // The offset in force when the visit began, so export writes the same local times.
        let offset = settings
            .zone
            .offset_at(first.queued_at.instant)
            .local_minus_utc();
        visit_stmt.execute(params![
            date_text,
            ticket,
            visitor_id,
            v.channel.code(),
            v.lane.code(),
            v.urgent,
            v.matter.code(),
            v.parties,
            v.summary,
            offset
        ])?;
        let visit_id = conn.last_insert_rowid();
        for &i in steps {
            let r = &rows[i];
            step_stmt.execute(params![
                visit_id,
                r.seq,
                r.service.code(),
                r.status.code(),
                r.queued_at.instant,
                r.called_at.map(|t| t.instant),
                r.started_at.map(|t| t.instant),
                r.finished_at.map(|t| t.instant),
                r.window.as_ref().and_then(|c| windows.get(c)),
                r.staff.as_ref().and_then(|c| staff.get(c)),
                r.outcome.map(|o| o.wire_code()),
                r.reason.map(|x| x.code()),
                r.note,
                r.amount_fen,
                r.quantity,
                r.rating.map(|x| x.code())
            ])?;
        }
        if let Some((prefix, number)) = parse_ticket(ticket) {
            let top = counters.entry((date_text.clone(), prefix)).or_insert(0);
            *top = (*top).max(number);
        }
        dates.insert(date_text);
    }
    // Later live tickets on these dates continue after the imported numbers.
    let mut counter_stmt = conn.prepare(
        "INSERT INTO ticket_counters (business_date, prefix, last_number) VALUES (?1, ?2, ?3)
         ON CONFLICT(business_date, prefix) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
    )?;
    for ((date, prefix), number) in &counters {
        counter_stmt.execute(params![date, prefix.to_string(), number])?;
    }
    report.dates = dates.len();
    let span = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => String::new(),
    };
    let detail = format!(
        "rows={} visits={} dates={} {span}",
        report.rows, report.visits, report.dates
    );
    audit::append(conn, now, None, "import", "ledger", None, &detail)?;
    Ok(report)
}
