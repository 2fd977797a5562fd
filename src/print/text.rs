//! The printed tally at a given width: A4 (80 columns), 80 mm receipt (48), 58 mm receipt
//! (32). The same figures as the JSON, labelled 人次/件/份, with the header the file copy
//! needs and the signature lines. Only codes, tickets, staff names and counts appear — never a
//! visitor's name, phone or ID. Written for a person to read: durations in minutes and seconds
//! (the JSON keeps seconds), staff by name and code.

use super::figures::{self, Figure, Value};
use super::layout::{centre, grid, pair, rule, wrap, wrap_items};
use super::Header;
use crate::domain::codes::{Channel, Lane, Matter, Outcome, Service};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::TallyLabel as AppointmentLabel;
use crate::i18n::board::HallFigure;
use crate::i18n::figures::{FigureLabel, PaperWords, Section, UnitWord as Unit};
use crate::i18n::print::PrintMsg;
use crate::i18n::rating::TallyLabel;
use crate::i18n::{Lang, Words};
use crate::tally::{DeskTally, Tally};

struct Page {
    lang: Lang,
    cols: usize,
    /// Most label/value columns side by side.
    max_cols: usize,
    lines: Vec<String>,
}

impl Page {
    fn t(&self, words: PaperWords) -> String {
        words.text(self.lang)
    }

    fn n(&self, n: u64, unit: Unit) -> String {
        format!("{n}{}", unit.after_count(self.lang))
    }

    /// A figure's value for a reader: counts with their unit, durations in minutes and
    /// seconds, shares as percentages.
    fn value(&self, figure: &Figure) -> String {
        match (&figure.value, figure.unit) {
            (Value::Count(n), Some(unit)) => self.n(*n, unit),
            (Value::Count(n), None) => n.to_string(),
            (Value::Seconds(v), _) => self.secs(*v),
            (Value::Share(v), _) => percent(*v),
            (Value::Text(text), Some(Unit::Yuan)) => {
                format!("{}{}", sanitize(text), Unit::Yuan.after_count(self.lang))
            }
            (Value::Text(text), _) => sanitize(text),
            (Value::Flag(flag), _) => flag.to_string(),
        }
    }

    /// A figure as a grid item, labelled as under its group's heading.
    fn item(&self, figure: &Figure) -> (String, String) {
        (figure.label.short(self.lang), self.value(figure))
    }

    fn items(&self, figures: &[Figure]) -> Vec<(String, String)> {
        figures.iter().map(|f| self.item(f)).collect()
    }

    /// A figure on a line of its own.
    fn figure(&mut self, figure: &Figure) {
        let label = figure.label.text(self.lang);
        let value = self.value(figure);
        self.pair(&label, &value);
    }

    fn label(&self, label: FigureLabel) -> String {
        label.text(self.lang)
    }

    /// A duration in seconds as minutes and seconds (a mean rounds to the whole second).
    fn secs(&self, value: Option<f64>) -> String {
        match value {
            Some(v) => PrintMsg::Duration(v.round() as i64).text(self.lang),
            None => "-".into(),
        }
    }

    fn push(&mut self, lines: Vec<String>) {
        self.lines.extend(lines);
    }

    fn pair(&mut self, label: &str, value: &str) {
        let lines = pair(label, value, self.cols);
        self.push(lines);
    }

    fn grid(&mut self, items: Vec<(String, String)>) {
        let lines = grid(&items, self.cols, self.max_cols);
        self.push(lines);
    }

    fn heading(&mut self, section: Section) {
        self.heading_text(&self.t(PaperWords::Section(section)));
    }

    fn heading_text(&mut self, words: &str) {
        let text = self.t(PaperWords::Heading(words.to_string()));
        self.lines.push(String::new());
        let lines = wrap(&text, self.cols);
        self.push(lines);
    }

    fn sub(&mut self, text: &str) {
        let lines = wrap(&self.t(PaperWords::Sub(text.to_string())), self.cols);
        self.push(lines);
    }
}

/// A share as a percentage with 2 decimals (exact: shares have 4 decimals); `-` for null.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(s) => {
            let basis = (s * 10_000.0).round() as i64;
            format!("{}.{:02}%", basis / 100, basis % 100)
        }
        None => "-".into(),
    }
}

/// The text tally in `cols` display columns.
pub fn render(tally: &Tally, lang: Lang, header: &Header, cols: usize) -> String {
    let max_cols = match cols {
        c if c >= 80 => 3,
        c if c >= 48 => 2,
        _ => 2,
    };
    let mut page = Page {
        lang,
        cols,
        max_cols,
        lines: Vec::new(),
    };
    title(&mut page, tally, header);
    overview(&mut page, tally);
    breakdowns(&mut page, tally);
    hours(&mut page, tally);
    services(&mut page, tally);
    referrals(&mut page, tally);
    desks(&mut page, &tally.windows, None);
    desks(&mut page, &tally.staff, Some(header));
    key_figures(&mut page, tally);
    legal_aid(&mut page, tally);
    ratings(&mut page, tally);
    appointments(&mut page, tally);
    open_tickets(&mut page, tally);
    signatures(&mut page);
    let mut out = String::new();
    for line in page.lines {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn title(page: &mut Page, tally: &Tally, header: &Header) {
    let cols = page.cols;
    page.push(centre(&sanitize(&header.center_name), cols));
    let single = tally.from == tally.to;
    let name = page.t(if single {
        PaperWords::DailyTitle
    } else {
        PaperWords::RangeTitle
    });
    page.push(centre(&name, cols));
    page.lines.push(rule('=', cols));
    if single {
        page.pair(&page.t(PaperWords::Date), &tally.from.clone());
    } else {
        page.pair(&page.label(FigureLabel::From), &tally.from.clone());
        page.pair(&page.label(FigureLabel::To), &tally.to.clone());
        page.pair(&page.label(FigureLabel::Days), &header.days.to_string());
    }
    let status = page.t(if header.days > 0 && header.closed_days >= header.days {
        PaperWords::Closed
    } else if header.closed_days == 0 {
        PaperWords::NotClosed
    } else {
        PaperWords::PartlyClosed {
            closed: header.closed_days,
            days: header.days,
        }
    });
    page.pair(&page.t(PaperWords::Status), &status);
    if let Some(closer) = &header.closer {
        let by = match &closer.by {
            Some(code) => sanitize(code),
            None => page.t(PaperWords::Administrator),
        };
        page.pair(&page.label(FigureLabel::ClosedBy), &by);
        page.pair(&page.label(FigureLabel::ClosedAt), &closer.at);
        let version = page.t(PaperWords::Version {
            version: closer.version,
        });
        page.pair(&page.label(FigureLabel::Version), &version);
    }
    page.lines.push(rule('=', cols));
}

fn overview(page: &mut Page, tally: &Tally) {
    page.heading(Section::Visits);
    for figure in [
        figures::visits(tally),
        figures::urgent(tally),
        figures::group_visits(tally),
    ] {
        page.figure(&figure);
    }
    if let Some(list) = tally.group_list.as_ref().filter(|l| !l.is_empty()) {
        let cols = page.cols;
        page.push(wrap_items(&clean(list), cols));
    }
}

fn clean(items: &[String]) -> Vec<String> {
    items.iter().map(|t| sanitize(t)).collect()
}

fn breakdowns(page: &mut Page, tally: &Tally) {
    page.heading(Section::Channels);
    let items = Channel::ALL
        .iter()
        .map(|c| {
            (
                c.label(page.lang).to_string(),
                page.n(count(&tally.by_channel, c.code()), Unit::Visits),
            )
        })
        .collect();
    page.grid(items);
    page.heading(Section::Lanes);
    let items = Lane::ALL
        .iter()
        .map(|c| {
            (
                c.label(page.lang).to_string(),
                page.n(count(&tally.by_lane, c.code()), Unit::Visits),
            )
        })
        .collect();
    page.grid(items);
    page.heading(Section::Matters);
    let items = Matter::ALL
        .iter()
        .map(|c| {
            (
                c.label(page.lang).to_string(),
                page.n(count(&tally.by_matter, c.code()), Unit::Cases),
            )
        })
        .collect();
    page.grid(items);
}

fn count(map: &crate::tally::Counts, key: &str) -> u64 {
    map.get(key).copied().unwrap_or(0)
}

fn hours(page: &mut Page, tally: &Tally) {
    page.heading(Section::ArrivalsByHour);
    let items = page.items(&figures::hours(tally));
    let max = page.max_cols;
    page.max_cols = page.cols / 10;
    page.grid(items);
    page.max_cols = max;
}

fn services(page: &mut Page, tally: &Tally) {
    page.heading(Section::Services);
    for service in Service::ALL {
        let Some(s) = tally.services.get(service.code()) else {
            continue;
        };
        let name = service.label(page.lang);
        if s.arrivals == 0 {
            page.pair(name, &page.n(0, Unit::Visits));
            continue;
        }
        page.sub(name);
        // A day with nothing still open prints as a closed day does.
        let counts: Vec<Figure> = figures::service_counts(s)
            .into_iter()
            .filter(|f| f.key != "open" || s.open > 0)
            .collect();
        let items = page.items(&counts);
        page.grid(items);
        let outcomes = service
            .outcomes()
            .iter()
            .map(|o| {
                (
                    o.label(page.lang).to_string(),
                    page.n(count(&s.outcomes, o.wire_code()), Unit::Cases),
                )
            })
            .collect();
        page.grid(outcomes);
        let waits = page.items(&figures::summary(&s.wait_s, Some(FigureLabel::Wait)));
        page.grid(waits);
        let durations = page.items(&figures::summary(&s.service_s, Some(FigureLabel::Serving)));
        page.grid(durations);
        page.figure(&figures::within_target(s));
    }
}

fn referrals(page: &mut Page, tally: &Tally) {
    page.heading(Section::Referrals);
    if tally.referrals.is_empty() {
        page.pair(&page.t(PaperWords::Nothing), "");
    }
    for figure in figures::referrals(tally) {
        page.figure(&figure);
    }
}

/// Windows by code, or (with the header's staff names) staff by name and code.
fn desks(page: &mut Page, desks: &crate::tally::OrderedMap<DeskTally>, staff: Option<&Header>) {
    match staff {
        Some(_) => page.heading_text(&PrintMsg::StaffHeading.text(page.lang)),
        None => page.heading(Section::Windows),
    }
    if desks.is_empty() {
        page.pair(&page.t(PaperWords::Nothing), "");
    }
    for (code, desk) in desks.iter() {
        let who = match staff.and_then(|h| h.staff_name(code)) {
            Some(name) => PrintMsg::StaffName {
                name: name.to_string(),
                code: code.to_string(),
            }
            .text(page.lang),
            None => sanitize(code),
        };
        page.sub(&who);
        // Served and mean service, the five levels, then the time paused: only windows
        // pause, and a window that never paused prints as before.
        let (paused, work): (Vec<Figure>, Vec<Figure>) = figures::desk(desk, true)
            .into_iter()
            .partition(|f| f.key == "paused_s");
        let mut items = page.items(&work);
        items.extend(page.items(&figures::levels(&desk.satisfaction.levels)));
        if desk.paused_s > 0 {
            items.extend(page.items(&paused));
        }
        page.grid(items);
    }
}

fn key_figures(page: &mut Page, tally: &Tally) {
    page.heading(Section::KeyFigures);
    let mediation = tally.services.get(Service::Mediation.code());
    let n = |o: Outcome| mediation.map_or(0, |m| count(&m.outcomes, o.wire_code()));
    let success = n(Outcome::AgreementWritten) + n(Outcome::AgreementOral);
    let ended = success + n(Outcome::Failed) + n(Outcome::Refused);
    page.figure(&figures::mediation_success_rate(tally));
    page.pair(
        &page.t(PaperWords::Agreements),
        &page.n(success, Unit::Cases),
    );
    page.pair(
        &page.t(PaperWords::AgreementsEnded),
        &page.n(ended, Unit::Cases),
    );
    page.figure(&figures::legal_aid_applications(tally));
    // Notary applications accepted: the notary desk's `accepted` outcomes.
    let notary = tally
        .services
        .get(Service::Notary.code())
        .map_or(0, |s| count(&s.outcomes, Outcome::Accepted.wire_code()));
    page.pair(
        &PrintMsg::NotaryAccepted.text(page.lang),
        &page.n(notary, Unit::Cases),
    );
    page.figure(&figures::documents_drafted(tally));
    page.figure(&figures::amount_recovered(tally));
    // A hall without the board and announcer prints as before.
    if tally.announcements > 0 {
        let value = format!("{} / {}", tally.announcements, tally.announce_failed);
        let label = format!(
            "{} / {}",
            HallFigure::Announcements.text(page.lang),
            HallFigure::AnnounceFailed.text(page.lang)
        );
        page.pair(&label, &value);
    }
}

/// 服务评价: the five levels, the three-level roll-up bureaus report, the pad's share, the
/// rates, and the 差评 follow-ups.
fn ratings(page: &mut Page, tally: &Tally) {
    page.heading(Section::Ratings);
    let s = &tally.satisfaction;
    page.sub(&TallyLabel::Levels.text(page.lang));
    let items = page.items(&figures::levels(&s.levels));
    page.grid(items);
    page.sub(&TallyLabel::RollUp.text(page.lang));
    let items = page.items(&figures::roll_up(s.satisfied, s.basic, s.unsatisfied));
    page.grid(items);
    let items = page.items(&[figures::rated(s), figures::by_pad(s)]);
    page.grid(items);
    page.figure(&figures::rate(s));
    page.figure(&figures::rated_share(s));
    page.sub(&TallyLabel::FollowUps.text(page.lang));
    let items = page.items(&figures::follow_ups(&s.follow_ups));
    page.grid(items);
}

/// SPEC §5's `legal_aid` figures: the range's events, then the open work at its end.
fn legal_aid(page: &mut Page, tally: &Tally) {
    use crate::i18n::aid::TallyAidLabel as L;
    page.heading_text(&L::Heading.text(page.lang));
    // The events in a grid, the share on its own line, then the open work.
    let all = figures::legal_aid(&tally.legal_aid);
    let share = all
        .iter()
        .position(|f| f.key == "on_time_share")
        .unwrap_or(all.len());
    let (events, rest) = all.split_at(share);
    let items = page.items(events);
    page.grid(items);
    if let Some((share, open)) = rest.split_first() {
        page.figure(share);
        let items = page.items(open);
        page.grid(items);
    }
}

/// SPEC §5 `appointments`: the bookings of the range by state.
fn appointments(page: &mut Page, tally: &Tally) {
    let lang = page.lang;
    page.heading_text(&AppointmentLabel::Heading.text(lang));
    // On paper the on-time check-ins follow the check-ins they are part of.
    let all = figures::appointments(&tally.appointments);
    let items = [
        "booked",
        "checked_in",
        "checked_in_on_time",
        "missed",
        "cancelled",
    ]
    .iter()
    .filter_map(|key| all.iter().find(|f| f.key == *key))
    .map(|f| page.item(f))
    .collect();
    page.grid(items);
}

fn open_tickets(page: &mut Page, tally: &Tally) {
    let Some(list) = &tally.unfinished_list else {
        return;
    };
    page.heading_text(&page.label(FigureLabel::UnfinishedTickets));
    if list.is_empty() {
        page.pair(&page.t(PaperWords::Nothing), "");
        return;
    }
    let cols = page.cols;
    page.push(wrap_items(&clean(list), cols));
}

fn signatures(page: &mut Page) {
    let cols = page.cols;
    page.lines.push(rule('-', cols));
    let clerk = page.t(PaperWords::PreparedBy);
    let head = page.t(PaperWords::ApprovedBy);
    let blank = "______________";
    let both = format!("{clerk}{blank}    {head}{blank}");
    if crate::domain::text::width(&both) <= cols {
        page.lines.push(String::new());
        page.lines.push(both);
    } else {
        for who in [&clerk, &head] {
            page.lines.push(String::new());
            let line = format!("{who}{blank}");
            page.push(wrap(&line, cols));
        }
    }
}
