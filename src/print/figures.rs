//! One description of the tally's figures and their labels, built once from a [`Tally`]: every
//! print format walks it, so a figure has the same words on the A4 page, the receipts and in
//! the CSV. Each [`Figure`] carries its CSV key, a typed label (words only when printed), its
//! raw value and its unit; the text layouts format the value for a reader (minutes and
//! seconds, percentages, 件/人次), the CSV writes it raw. `print/sections.rs` lists the
//! sections in the CSV's row order (the CSV is an interface); the text layouts pick the groups
//! they show from the builders below, in the order a reader expects.

use super::Header;
use crate::domain::codes::{Channel, Lane, Matter, Outcome, Rating, Service};
use crate::domain::text::sanitize;
use crate::i18n::aid::TallyAidLabel;
use crate::i18n::appointment_text::TallyLabel as AppointmentLabel;
use crate::i18n::board::HallFigure;
use crate::i18n::figures::{FigureLabel, UnitWord};
use crate::i18n::rating::TallyLabel;
use crate::i18n::{Lang, Words};
use crate::tally::{
    AppointmentTally, Counts, DeskTally, FollowUps, LegalAidTally, Levels, Satisfaction,
    ServiceTally, Summary, Tally,
};

/// The words of a figure, kept typed until printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    Figure(FigureLabel),
    Channel(Channel),
    Lane(Lane),
    Matter(Matter),
    Outcome(Outcome),
    Rating(Rating),
    Rated(TallyLabel),
    /// A 差评 follow-up figure: printed after the follow-ups heading.
    FollowUp(TallyLabel),
    Appointment(AppointmentLabel),
    /// A figure of the `legal_aid` block (SPEC §10).
    Aid(TallyAidLabel),
    Hall(HallFigure),
    /// A duration summary's part (n, mean, …), optionally after what it measures (等候/办理).
    Summary(Option<FigureLabel>, FigureLabel),
    /// `from>to` service codes.
    Referral(String),
    /// A code this build does not know (from an old snapshot): shown as it is.
    Code(String),
}

impl Label {
    /// The full label, as the CSV and any standalone line print it.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Label::FollowUp(label) => {
                format!("{} {}", TallyLabel::FollowUps.text(lang), label.text(lang))
            }
            other => other.short(lang),
        }
    }

    /// The label under its group's heading (the follow-ups heading already says what they are).
    pub fn short(&self, lang: Lang) -> String {
        match self {
            Label::Figure(label) => label.text(lang),
            Label::Channel(c) => c.label(lang).into(),
            Label::Lane(c) => c.label(lang).into(),
            Label::Matter(c) => c.label(lang).into(),
            Label::Outcome(c) => c.label(lang).into(),
            Label::Rating(c) => c.label(lang).into(),
            Label::Rated(label) | Label::FollowUp(label) => label.text(lang),
            Label::Appointment(label) => label.text(lang),
            Label::Aid(label) => label.text(lang),
            Label::Hall(label) => label.text(lang),
            Label::Summary(None, part) => part.text(lang),
            Label::Summary(Some(what), part) => match lang {
                Lang::Zh => format!("{}{}", what.text(lang), part.text(lang)),
                Lang::En => format!("{} {}", what.text(lang), part.text(lang)),
            },
            Label::Referral(key) => match key
                .split_once('>')
                .and_then(|(a, b)| Some((Service::from_code(a)?, Service::from_code(b)?)))
            {
                Some((from, to)) => format!("{} > {}", from.label(lang), to.label(lang)),
                None => sanitize(key),
            },
            Label::Code(code) => sanitize(code),
        }
    }
}

/// A figure's value as the tally holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Count(u64),
    /// A duration in seconds; `None` when nothing was measured.
    Seconds(Option<f64>),
    /// A share 0..1; `None` when there is nothing to divide by.
    Share(Option<f64>),
    Text(String),
    Flag(bool),
}

impl Value {
    /// The value as the CSV writes it: raw numbers, empty for null.
    pub fn raw(&self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Seconds(v) | Value::Share(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Value::Text(text) => text.clone(),
            Value::Flag(flag) => flag.to_string(),
        }
    }

    /// The count, for layouts that show a figure only when it is not zero.
    pub fn count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }
}

/// One figure of the tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The CSV's `key` column (empty for a section that is one figure).
    pub key: String,
    pub label: Label,
    pub value: Value,
    pub unit: Option<UnitWord>,
}

impl Figure {
    pub(super) fn new(key: &str, label: Label, value: Value, unit: Option<UnitWord>) -> Figure {
        Figure {
            key: key.to_string(),
            label,
            value,
            unit,
        }
    }

    fn count(key: &str, label: Label, n: u64, unit: UnitWord) -> Figure {
        Figure::new(key, label, Value::Count(n), Some(unit))
    }

    /// The label with its unit in brackets, as the CSV's `label` column says it.
    pub fn label_with_unit(&self, lang: Lang) -> String {
        // A cell of its own needs no indent the printed page uses under a heading.
        let label = self.label.text(lang).trim_start().to_string();
        match (self.unit, lang) {
            (None, _) => label,
            (Some(unit), Lang::Zh) => format!("{label}（{}）", unit.text(lang)),
            // English counts need no unit word; durations and money do.
            (Some(unit @ (UnitWord::Seconds | UnitWord::Yuan)), Lang::En) => {
                format!("{label} ({})", unit.text(lang))
            }
            (Some(_), Lang::En) => label,
        }
    }
}

/// A group of figures under one CSV `section`.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub key: String,
    pub figures: Vec<Figure>,
}

pub(super) fn section(key: impl Into<String>, figures: Vec<Figure>) -> Section {
    Section {
        key: key.into(),
        figures,
    }
}

pub(super) fn single(key: &str, figure: Figure) -> Section {
    section(key, vec![figure])
}

pub(super) fn fig(label: FigureLabel) -> Label {
    Label::Figure(label)
}

/// What the header says about the range.
pub fn meta(tally: &Tally, header: &Header) -> Vec<Figure> {
    let text = |s: &str| Value::Text(s.to_string());
    let mut figures = vec![
        Figure::new(
            "center_name",
            fig(FigureLabel::Center),
            text(&header.center_name),
            None,
        ),
        Figure::new("from", fig(FigureLabel::From), text(&tally.from), None),
        Figure::new("to", fig(FigureLabel::To), text(&tally.to), None),
        Figure::new(
            "closed_days",
            fig(FigureLabel::ClosedDays),
            Value::Text(format!("{}/{}", header.closed_days, header.days)),
            None,
        ),
    ];
    if let Some(closer) = &header.closer {
        figures.extend([
            Figure::new(
                "closed_by",
                fig(FigureLabel::ClosedBy),
                Value::Text(closer.by.clone().unwrap_or_default()),
                None,
            ),
            Figure::new(
                "closed_at",
                fig(FigureLabel::ClosedAt),
                text(&closer.at),
                None,
            ),
            Figure::new(
                "version",
                fig(FigureLabel::Version),
                Value::Text(closer.version.to_string()),
                None,
            ),
        ]);
    }
    figures
}

pub fn visits(tally: &Tally) -> Figure {
    Figure::count("", fig(FigureLabel::Visits), tally.visits, UnitWord::Visits)
}

pub fn urgent(tally: &Tally) -> Figure {
    Figure::count("", fig(FigureLabel::Urgent), tally.urgent, UnitWord::Visits)
}

pub fn group_visits(tally: &Tally) -> Figure {
    Figure::count(
        "",
        fig(FigureLabel::GroupMatters),
        tally.group_visits,
        UnitWord::Cases,
    )
}

/// A count per code, labelled by `label` (or the code itself when this build does not know it).
pub(super) fn counts(
    map: &Counts,
    unit: Option<UnitWord>,
    label: impl Fn(&str) -> Option<Label>,
) -> Vec<Figure> {
    map.iter()
        .map(|(key, n)| {
            let label = label(key).unwrap_or_else(|| Label::Code(key.to_string()));
            Figure::new(key, label, Value::Count(*n), unit)
        })
        .collect()
}

pub fn hours(tally: &Tally) -> Vec<Figure> {
    counts(&tally.hourly_arrivals, None, |h| {
        Some(fig(FigureLabel::Hour(h.to_string())))
    })
}

/// A service's counts by how its steps ended.
pub fn service_counts(s: &ServiceTally) -> Vec<Figure> {
    use FigureLabel::*;
    vec![
        Figure::count("arrivals", fig(Arrivals), s.arrivals, UnitWord::Visits),
        Figure::count("done", fig(Done), s.done, UnitWord::Cases),
        Figure::count("no_show", fig(NoShow), s.no_show, UnitWord::Cases),
        Figure::count("cancelled", fig(Left), s.cancelled, UnitWord::Cases),
        Figure::count("unfinished", fig(Unfinished), s.unfinished, UnitWord::Cases),
        Figure::count("open", fig(Open), s.open, UnitWord::Cases),
    ]
}

/// A duration summary; `what` names the duration where the part alone would be ambiguous.
pub fn summary(s: &Summary, what: Option<FigureLabel>) -> Vec<Figure> {
    use FigureLabel::*;
    let part = |p: FigureLabel| Label::Summary(what.clone(), p);
    let secs = |v: Option<i64>| Value::Seconds(v.map(|v| v as f64));
    let unit = Some(UnitWord::Seconds);
    vec![
        Figure::new("n", part(Count), Value::Count(s.n), None),
        Figure::new("mean", part(Mean), Value::Seconds(s.mean), unit),
        Figure::new("median", part(Median), secs(s.median), unit),
        Figure::new("p90", part(P90), secs(s.p90), unit),
        Figure::new("max", part(Max), secs(s.max), unit),
    ]
}

pub fn within_target(s: &ServiceTally) -> Figure {
    Figure::new(
        "within_target",
        fig(FigureLabel::WithinTarget),
        Value::Share(s.within_target),
        None,
    )
}

pub fn referrals(tally: &Tally) -> Vec<Figure> {
    counts(&tally.referrals, Some(UnitWord::Cases), |k| {
        Some(Label::Referral(k.to_string()))
    })
}

/// A window's or staff member's work: served, mean service time, and (windows) time paused.
pub fn desk(d: &DeskTally, window: bool) -> Vec<Figure> {
    let mut figures = vec![
        Figure::count("served", fig(FigureLabel::Done), d.served, UnitWord::Cases),
        Figure::new(
            "service_s_mean",
            fig(FigureLabel::MeanService),
            Value::Seconds(d.service_s_mean),
            Some(UnitWord::Seconds),
        ),
    ];
    if window {
        figures.push(Figure::new(
            "paused_s",
            Label::Hall(HallFigure::Paused),
            Value::Seconds(Some(d.paused_s as f64)),
            Some(UnitWord::Seconds),
        ));
    }
    figures
}

/// The three-level roll-up bureaus report.
pub fn roll_up(satisfied: u64, basic: u64, unsatisfied: u64) -> Vec<Figure> {
    [
        (Rating::Satisfied, satisfied),
        (Rating::Basic, basic),
        (Rating::Unsatisfied, unsatisfied),
    ]
    .into_iter()
    .map(|(r, n)| Figure::count(r.code(), Label::Rating(r), n, UnitWord::Cases))
    .collect()
}

/// The five levels, best first, keyed by their codes.
pub fn levels(levels: &Levels) -> Vec<Figure> {
    Rating::ALL
        .iter()
        .map(|r| Figure::count(r.code(), Label::Rating(*r), levels.get(*r), UnitWord::Cases))
        .collect()
}

pub fn rated(s: &Satisfaction) -> Figure {
    Figure::count(
        "rated",
        Label::Rated(TallyLabel::Rated),
        s.rated,
        UnitWord::Cases,
    )
}

pub fn by_pad(s: &Satisfaction) -> Figure {
    Figure::count(
        "by_pad",
        Label::Rated(TallyLabel::ByPad),
        s.by_pad,
        UnitWord::Cases,
    )
}

pub fn rate(s: &Satisfaction) -> Figure {
    Figure::new(
        "rate",
        Label::Rated(TallyLabel::Rate),
        Value::Share(s.rate),
        None,
    )
}

pub fn rated_share(s: &Satisfaction) -> Figure {
    Figure::new(
        "rated_share",
        Label::Rated(TallyLabel::RatedShare),
        Value::Share(s.rated_share),
        None,
    )
}

pub fn follow_ups(f: &FollowUps) -> Vec<Figure> {
    [
        ("opened", TallyLabel::Opened, f.opened),
        ("closed", TallyLabel::Closed, f.closed),
        ("open", TallyLabel::Open, f.open),
        ("overdue", TallyLabel::Overdue, f.overdue),
    ]
    .into_iter()
    .map(|(key, label, n)| Figure::count(key, Label::FollowUp(label), n, UnitWord::Cases))
    .collect()
}

/// The bookings of the range by state, in the JSON's order.
pub fn appointments(a: &AppointmentTally) -> Vec<Figure> {
    [
        ("booked", AppointmentLabel::Booked, a.booked),
        ("checked_in", AppointmentLabel::CheckedIn, a.checked_in),
        ("missed", AppointmentLabel::Missed, a.missed),
        ("cancelled", AppointmentLabel::Cancelled, a.cancelled),
        (
            "checked_in_on_time",
            AppointmentLabel::OnTime,
            a.checked_in_on_time,
        ),
    ]
    .into_iter()
    .map(|(key, label, n)| Figure::count(key, Label::Appointment(label), n, UnitWord::Visits))
    .collect()
}

/// SPEC §5's `legal_aid`: the range's events, the on-time share, then the open work at its end.
pub fn legal_aid(a: &LegalAidTally) -> Vec<Figure> {
    use TallyAidLabel as L;
    let count =
        |key: &str, label: L, n: u64| Figure::count(key, Label::Aid(label), n, UnitWord::Cases);
    vec![
        count("accepted", L::Accepted, a.accepted),
        count("granted", L::Granted, a.granted),
        count("refused", L::Refused, a.refused),
        count("withdrawn", L::Withdrawn, a.withdrawn),
        count("assigned", L::Assigned, a.assigned),
        count("decided", L::Decided, a.decided),
        count("decided_on_time", L::OnTime, a.decided_on_time),
        Figure::new(
            "on_time_share",
            Label::Aid(L::OnTimeShare),
            Value::Share(a.on_time_share),
            None,
        ),
        count("pending", L::Pending, a.pending),
        count("overdue", L::Overdue, a.overdue),
        count("assign_overdue", L::AssignOverdue, a.assign_overdue),
    ]
}

pub fn mediation_success_rate(tally: &Tally) -> Figure {
    Figure::new(
        "",
        fig(FigureLabel::MediationSuccessRate),
        Value::Share(tally.mediation_success_rate),
        None,
    )
}

pub fn legal_aid_applications(tally: &Tally) -> Figure {
    Figure::count(
        "",
        fig(FigureLabel::LegalAidApplications),
        tally.legal_aid_applications,
        UnitWord::Cases,
    )
}

pub fn documents_drafted(tally: &Tally) -> Figure {
    Figure::count(
        "",
        fig(FigureLabel::DocumentsDrafted),
        tally.documents_drafted,
        UnitWord::Copies,
    )
}

pub fn amount_recovered(tally: &Tally) -> Figure {
    Figure::new(
        "",
        fig(FigureLabel::AmountRecovered),
        Value::Text(tally.amount_recovered_yuan.clone()),
        Some(UnitWord::Yuan),
    )
}
