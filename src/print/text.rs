//! The printed tally at a given width: A4 (80 columns), 80 mm receipt (48), 58 mm receipt
//! (32). The same figures as the JSON, labelled 人次/件/份, with the header the file copy
//! needs and the signature lines. Only codes, tickets, staff names and counts appear — never a
//! visitor's name, phone or ID. Written for a person to read: durations in minutes and seconds
//! (the JSON keeps seconds), staff by name and code.

use super::layout::{centre, grid, pair, rule, wrap, wrap_items};
use super::Header;
use crate::domain::codes::{Channel, Lane, Matter, Outcome, Rating, Service};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::TallyLabel as AppointmentLabel;
use crate::i18n::board::HallFigure;
use crate::i18n::print::PrintMsg;
use crate::i18n::rating::TallyLabel;
use crate::i18n::{Lang, Words};
use crate::tally::{DeskTally, Levels, Summary, Tally};

/// Units of the figures.
#[derive(Clone, Copy)]
enum Unit {
    /// 人次: visits and arrivals.
    Visits,
    /// 件: cases, steps, outcomes.
    Cases,
    /// 份: documents.
    Copies,
}

struct Page {
    lang: Lang,
    cols: usize,
    /// Most label/value columns side by side.
    max_cols: usize,
    lines: Vec<String>,
}

impl Page {
    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    fn n(&self, n: u64, unit: Unit) -> String {
        let unit = match unit {
            Unit::Visits => self.t(" 人次", ""),
            Unit::Cases => self.t(" 件", ""),
            Unit::Copies => self.t(" 份", " docs"),
        };
        format!("{n}{unit}")
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

    fn heading(&mut self, zh: &'static str, en: &'static str) {
        self.heading_text(self.t(zh, en));
    }

    fn heading_text(&mut self, words: &str) {
        let text = match self.lang {
            Lang::Zh => format!("【{words}】"),
            Lang::En => format!("[ {words} ]"),
        };
        self.lines.push(String::new());
        let lines = wrap(&text, self.cols);
        self.push(lines);
    }

    fn sub(&mut self, text: &str) {
        let lines = wrap(&format!("{text}{}", self.t("：", ":")), self.cols);
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
    desks(&mut page, &tally.windows, ("窗口", "Windows"), None);
    desks(&mut page, &tally.staff, ("", ""), Some(header));
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
    let name = if single {
        page.t("日结统计表", "Daily tally")
    } else {
        page.t("统计报表", "Tally report")
    };
    page.push(centre(name, cols));
    page.lines.push(rule('=', cols));
    if single {
        page.pair(page.t("日期", "Date"), &tally.from.clone());
    } else {
        page.pair(page.t("起始日期", "From"), &tally.from.clone());
        page.pair(page.t("截止日期", "To"), &tally.to.clone());
        page.pair(page.t("天数", "Days"), &header.days.to_string());
    }
    let status = if header.days > 0 && header.closed_days >= header.days {
        page.t("已日结", "closed").to_string()
    } else if header.closed_days == 0 {
        page.t("未日结（实时数据）", "not closed (live figures)")
            .to_string()
    } else {
        match page.lang {
            Lang::Zh => format!("部分日结 {}/{} 天", header.closed_days, header.days),
            Lang::En => format!("{} of {} days closed", header.closed_days, header.days),
        }
    };
    page.pair(page.t("状态", "Status"), &status);
    if let Some(closer) = &header.closer {
        let by = match &closer.by {
            Some(code) => sanitize(code),
            None => page.t("系统管理员", "administrator").to_string(),
        };
        page.pair(page.t("日结人", "Closed by"), &by);
        page.pair(page.t("日结时间", "Closed at"), &closer.at);
        let version = match page.lang {
            Lang::Zh => format!(
                "第 {} 版{}",
                closer.version,
                if closer.version > 1 {
                    "（更正）"
                } else {
                    ""
                }
            ),
            Lang::En => format!(
                "{}{}",
                closer.version,
                if closer.version > 1 { " (amended)" } else { "" }
            ),
        };
        page.pair(page.t("版本", "Version"), &version);
    }
    page.lines.push(rule('=', cols));
}

fn overview(page: &mut Page, tally: &Tally) {
    page.heading("来访概况", "Visits");
    page.pair(
        page.t("来访", "Visits"),
        &page.n(tally.visits, Unit::Visits),
    );
    page.pair(
        page.t("紧急", "Urgent"),
        &page.n(tally.urgent, Unit::Visits),
    );
    page.pair(
        page.t("群体性事项", "Group matters"),
        &page.n(tally.group_visits, Unit::Cases),
    );
    if let Some(list) = tally.group_list.as_ref().filter(|l| !l.is_empty()) {
        let cols = page.cols;
        page.push(wrap_items(&clean(list), cols));
    }
}

fn clean(items: &[String]) -> Vec<String> {
    items.iter().map(|t| sanitize(t)).collect()
}

fn breakdowns(page: &mut Page, tally: &Tally) {
    page.heading("来源渠道", "Channels");
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
    page.heading("优先通道", "Lanes");
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
    page.heading("事项类型", "Matters");
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
    page.heading("分时段到达（人次）", "Arrivals by hour");
    let suffix = page.t("时", "h");
    let items = tally
        .hourly_arrivals
        .iter()
        .map(|(h, n)| (format!("{h}{suffix}"), n.to_string()))
        .collect();
    let max = page.max_cols;
    page.max_cols = page.cols / 10;
    page.grid(items);
    page.max_cols = max;
}

fn summary_items(
    page: &Page,
    s: &Summary,
    zh: &'static str,
    en: &'static str,
) -> Vec<(String, String)> {
    let label = |zh_part: &str, en_part: &str| match page.lang {
        Lang::Zh => format!("{zh}{zh_part}"),
        Lang::En => format!("{en} {en_part}"),
    };
    vec![
        (label("人次", "n"), s.n.to_string()),
        (label("平均", "mean"), page.secs(s.mean)),
        (
            label("中位数", "median"),
            page.secs(s.median.map(|v| v as f64)),
        ),
        (label("P90", "p90"), page.secs(s.p90.map(|v| v as f64))),
        (label("最长", "max"), page.secs(s.max.map(|v| v as f64))),
    ]
}

fn services(page: &mut Page, tally: &Tally) {
    page.heading("各服务事项", "Services");
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
        let mut items = vec![
            (
                page.t("到达", "Arrivals").to_string(),
                page.n(s.arrivals, Unit::Visits),
            ),
            (
                page.t("办结", "Done").to_string(),
                page.n(s.done, Unit::Cases),
            ),
            (
                page.t("过号", "No-show").to_string(),
                page.n(s.no_show, Unit::Cases),
            ),
            (
                page.t("离开未办", "Left").to_string(),
                page.n(s.cancelled, Unit::Cases),
            ),
            (
                page.t("未办结", "Unfinished").to_string(),
                page.n(s.unfinished, Unit::Cases),
            ),
        ];
        if s.open > 0 {
            items.push((
                page.t("办理中", "Open").to_string(),
                page.n(s.open, Unit::Cases),
            ));
        }
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
        let waits = summary_items(page, &s.wait_s, "等候", "Wait");
        page.grid(waits);
        let durations = summary_items(page, &s.service_s, "办理", "Service");
        page.grid(durations);
        page.pair(
            page.t("等候达标率", "Within target wait"),
            &percent(s.within_target),
        );
    }
}

fn referrals(page: &mut Page, tally: &Tally) {
    page.heading("转介", "Referrals");
    if tally.referrals.is_empty() {
        page.pair(page.t("无", "none"), "");
    }
    for (key, n) in tally.referrals.iter() {
        let label = match key
            .split_once('>')
            .and_then(|(a, b)| Some((Service::from_code(a)?, Service::from_code(b)?)))
        {
            Some((from, to)) => format!("{} > {}", from.label(page.lang), to.label(page.lang)),
            None => sanitize(key),
        };
        page.pair(&label, &page.n(*n, Unit::Cases));
    }
}

/// Windows by code, or (with the header's staff names) staff by name and code.
fn desks(
    page: &mut Page,
    desks: &crate::tally::OrderedMap<DeskTally>,
    (zh, en): (&'static str, &'static str),
    staff: Option<&Header>,
) {
    match staff {
        Some(_) => page.heading_text(&PrintMsg::StaffHeading.text(page.lang)),
        None => page.heading(zh, en),
    }
    if desks.is_empty() {
        page.pair(page.t("无", "none"), "");
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
        let mut items = vec![
            (
                page.t("办结", "Done").to_string(),
                page.n(desk.served, Unit::Cases),
            ),
            (
                page.t("平均办理", "Mean service").to_string(),
                page.secs(desk.service_s_mean),
            ),
        ];
        items.extend(level_items(page, &desk.satisfaction.levels));
        // Only windows pause; a window that never paused prints as before.
        if desk.paused_s > 0 {
            items.push((
                HallFigure::Paused.text(page.lang),
                page.secs(Some(desk.paused_s as f64)),
            ));
        }
        page.grid(items);
    }
}

fn key_figures(page: &mut Page, tally: &Tally) {
    page.heading("主要指标", "Key figures");
    let mediation = tally.services.get(Service::Mediation.code());
    let n = |o: Outcome| mediation.map_or(0, |m| count(&m.outcomes, o.wire_code()));
    let success = n(Outcome::AgreementWritten) + n(Outcome::AgreementOral);
    let ended = success + n(Outcome::Failed) + n(Outcome::Refused);
    page.pair(
        page.t("调解成功率", "Mediation success rate"),
        &percent(tally.mediation_success_rate),
    );
    page.pair(
        page.t("  调解成功", "  agreements"),
        &page.n(success, Unit::Cases),
    );
    page.pair(
        page.t("  调解成功+不成+拒绝", "  agreements+failed+refused"),
        &page.n(ended, Unit::Cases),
    );
    page.pair(
        page.t("法律援助受理申请", "Legal aid applications"),
        &page.n(tally.legal_aid_applications, Unit::Cases),
    );
    // Notary applications accepted: the notary desk's `accepted` outcomes.
    let notary = tally
        .services
        .get(Service::Notary.code())
        .map_or(0, |s| count(&s.outcomes, Outcome::Accepted.wire_code()));
    page.pair(
        &PrintMsg::NotaryAccepted.text(page.lang),
        &page.n(notary, Unit::Cases),
    );
    page.pair(
        page.t("代书文书", "Documents drafted"),
        &page.n(tally.documents_drafted, Unit::Copies),
    );
    let amount = format!(
        "{}{}",
        sanitize(&tally.amount_recovered_yuan),
        page.t(" 元", " yuan")
    );
    page.pair(page.t("挽回经济损失", "Amount recovered"), &amount);
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

/// The five levels, best first, as grid items.
fn level_items(page: &Page, levels: &Levels) -> Vec<(String, String)> {
    Rating::ALL
        .iter()
        .map(|r| {
            (
                r.label(page.lang).to_string(),
                page.n(levels.get(*r), Unit::Cases),
            )
        })
        .collect()
}

/// 服务评价: the five levels, the three-level roll-up bureaus report, the pad's share, the
/// rates, and the 差评 follow-ups.
fn ratings(page: &mut Page, tally: &Tally) {
    page.heading("服务评价", "Ratings");
    let s = &tally.satisfaction;
    page.sub(&TallyLabel::Levels.text(page.lang));
    let items = level_items(page, &s.levels);
    page.grid(items);
    page.sub(&TallyLabel::RollUp.text(page.lang));
    let items = [Rating::Satisfied, Rating::Basic, Rating::Unsatisfied]
        .iter()
        .zip([s.satisfied, s.basic, s.unsatisfied])
        .map(|(r, n)| (r.label(page.lang).to_string(), page.n(n, Unit::Cases)))
        .collect();
    page.grid(items);
    let items = vec![
        (
            TallyLabel::Rated.text(page.lang),
            page.n(s.rated, Unit::Cases),
        ),
        (
            TallyLabel::ByPad.text(page.lang),
            page.n(s.by_pad, Unit::Cases),
        ),
    ];
    page.grid(items);
    page.pair(&TallyLabel::Rate.text(page.lang), &percent(s.rate));
    page.pair(
        &TallyLabel::RatedShare.text(page.lang),
        &percent(s.rated_share),
    );
    page.sub(&TallyLabel::FollowUps.text(page.lang));
    let f = &s.follow_ups;
    let items = [
        (TallyLabel::Opened, f.opened),
        (TallyLabel::Closed, f.closed),
        (TallyLabel::Open, f.open),
        (TallyLabel::Overdue, f.overdue),
    ]
    .into_iter()
    .map(|(label, n)| (label.text(page.lang), page.n(n, Unit::Cases)))
    .collect();
    page.grid(items);
}

/// SPEC §5's `legal_aid` figures: the range's events, then the open work at its end.
fn legal_aid(page: &mut Page, tally: &Tally) {
    use crate::i18n::aid::TallyAidLabel as L;
    use crate::i18n::Words;
    let a = &tally.legal_aid;
    let lang = page.lang;
    let heading = match lang {
        Lang::Zh => format!("【{}】", L::Heading.text(lang)),
        Lang::En => format!("[ {} ]", L::Heading.text(lang)),
    };
    page.lines.push(String::new());
    let lines = wrap(&heading, page.cols);
    page.push(lines);
    let item = |page: &Page, label: L, n: u64| (label.text(lang), page.n(n, Unit::Cases));
    let items = vec![
        item(page, L::Accepted, a.accepted),
        item(page, L::Granted, a.granted),
        item(page, L::Refused, a.refused),
        item(page, L::Withdrawn, a.withdrawn),
        item(page, L::Assigned, a.assigned),
        item(page, L::Decided, a.decided),
        item(page, L::OnTime, a.decided_on_time),
    ];
    page.grid(items);
    page.pair(&L::OnTimeShare.text(lang), &percent(a.on_time_share));
    let open = vec![
        item(page, L::Pending, a.pending),
        item(page, L::Overdue, a.overdue),
        item(page, L::AssignOverdue, a.assign_overdue),
    ];
    page.grid(open);
}

/// SPEC §5 `appointments`: the bookings of the range by state.
fn appointments(page: &mut Page, tally: &Tally) {
    let lang = page.lang;
    let heading = AppointmentLabel::Heading.text(lang);
    let text = match lang {
        Lang::Zh => format!("【{heading}】"),
        Lang::En => format!("[ {heading} ]"),
    };
    page.lines.push(String::new());
    let lines = wrap(&text, page.cols);
    page.push(lines);
    let a = &tally.appointments;
    let items = [
        (AppointmentLabel::Booked, a.booked),
        (AppointmentLabel::CheckedIn, a.checked_in),
        (AppointmentLabel::OnTime, a.checked_in_on_time),
        (AppointmentLabel::Missed, a.missed),
        (AppointmentLabel::Cancelled, a.cancelled),
    ]
    .into_iter()
    .map(|(label, n)| (label.text(lang), page.n(n, Unit::Visits)))
    .collect();
    page.grid(items);
}

fn open_tickets(page: &mut Page, tally: &Tally) {
    let Some(list) = &tally.unfinished_list else {
        return;
    };
    page.heading("未办结号码", "Unfinished tickets");
    if list.is_empty() {
        page.pair(page.t("无", "none"), "");
        return;
    }
    let cols = page.cols;
    page.push(wrap_items(&clean(list), cols));
}

fn signatures(page: &mut Page) {
    let cols = page.cols;
    page.lines.push(rule('-', cols));
    let clerk = page.t("经办人：", "Prepared by: ");
    let head = page.t("负责人：", "Approved by: ");
    let blank = "______________";
    let both = format!("{clerk}{blank}    {head}{blank}");
    if crate::domain::text::width(&both) <= cols {
        page.lines.push(String::new());
        page.lines.push(both);
    } else {
        for who in [clerk, head] {
            page.lines.push(String::new());
            let line = format!("{who}{blank}");
            page.push(wrap(&line, cols));
        }
    }
}
