//! The tally's figures section by section, in the CSV's row order (the CSV is an interface).

use super::figures::*;
use super::Header;
use crate::domain::codes::{Channel, Lane, Matter, Outcome, Service};
use crate::domain::text::sanitize;
use crate::i18n::board::HallFigure;
use crate::i18n::figures::{FigureLabel, UnitWord};
use crate::tally::Tally;

/// Every figure of the tally with its header, section by section in the CSV's row order.
pub fn describe(tally: &Tally, header: &Header) -> Vec<Section> {
    let mut out = vec![
        section("meta", meta(tally, header)),
        single("visits", visits(tally)),
        section(
            "by_channel",
            counts(&tally.by_channel, Some(UnitWord::Visits), |c| {
                Channel::from_code(c).map(Label::Channel)
            }),
        ),
        section(
            "by_lane",
            counts(&tally.by_lane, Some(UnitWord::Visits), |c| {
                Lane::from_code(c).map(Label::Lane)
            }),
        ),
        section(
            "by_matter",
            counts(&tally.by_matter, Some(UnitWord::Cases), |c| {
                Matter::from_code(c).map(Label::Matter)
            }),
        ),
        single("urgent", urgent(tally)),
        single("group_visits", group_visits(tally)),
    ];
    if let Some(list) = &tally.group_list {
        out.push(single(
            "group_list",
            ticket_list(FigureLabel::GroupTickets, list),
        ));
    }
    out.push(section("hourly_arrivals", hours(tally)));
    for (code, s) in tally.services.iter() {
        let service = Service::from_code(code);
        let key = format!("services.{code}");
        out.push(section(key.clone(), service_counts(s)));
        out.push(section(
            format!("{key}.outcomes"),
            counts(&s.outcomes, Some(UnitWord::Cases), |o| {
                service
                    .and_then(|sv| Outcome::for_service(sv, o))
                    .map(Label::Outcome)
            }),
        ));
        out.push(section(format!("{key}.wait_s"), summary(&s.wait_s, None)));
        out.push(section(
            format!("{key}.service_s"),
            summary(&s.service_s, None),
        ));
        out.push(single(&key, within_target(s)));
    }
    out.push(section("referrals", referrals(tally)));
    for (prefix, desks) in [("windows", &tally.windows), ("staff", &tally.staff)] {
        for (code, d) in desks.iter() {
            let key = format!("{prefix}.{}", sanitize(code));
            let r = &d.satisfaction;
            out.push(section(key.clone(), desk(d, prefix == "windows")));
            out.push(section(
                format!("{key}.satisfaction"),
                roll_up(r.satisfied, r.basic, r.unsatisfied),
            ));
            out.push(section(
                format!("{key}.satisfaction.levels"),
                levels(&r.levels),
            ));
        }
    }
    out.push(single(
        "mediation_success_rate",
        mediation_success_rate(tally),
    ));
    out.push(single(
        "legal_aid_applications",
        legal_aid_applications(tally),
    ));
    out.push(single("documents_drafted", documents_drafted(tally)));
    out.push(single("amount_recovered_yuan", amount_recovered(tally)));
    let s = &tally.satisfaction;
    let mut satisfaction = roll_up(s.satisfied, s.basic, s.unsatisfied);
    satisfaction.extend([rated(s), rate(s), rated_share(s)]);
    out.push(section("satisfaction", satisfaction));
    out.push(section("satisfaction.levels", levels(&s.levels)));
    out.push(single("satisfaction", by_pad(s)));
    out.push(section(
        "satisfaction.follow_ups",
        follow_ups(&s.follow_ups),
    ));
    out.push(section("legal_aid", legal_aid(&tally.legal_aid)));
    out.push(section("appointments", appointments(&tally.appointments)));
    out.push(single(
        "closed",
        Figure::new(
            "",
            fig(FigureLabel::Closed),
            Value::Flag(tally.closed),
            None,
        ),
    ));
    out.push(single(
        "announcements",
        Figure::new(
            "",
            Label::Hall(HallFigure::Announcements),
            Value::Count(tally.announcements),
            None,
        ),
    ));
    out.push(single(
        "announce_failed",
        Figure::new(
            "",
            Label::Hall(HallFigure::AnnounceFailed),
            Value::Count(tally.announce_failed),
            None,
        ),
    ));
    if let Some(list) = &tally.unfinished_list {
        out.push(single(
            "unfinished_list",
            ticket_list(FigureLabel::UnfinishedTickets, list),
        ));
    }
    out
}

fn ticket_list(label: FigureLabel, list: &[String]) -> Figure {
    Figure::new("", fig(label), Value::Text(list.join(" ")), None)
}
