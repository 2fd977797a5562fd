//! The tally as CSV for spreadsheets: one figure per row, `section,key,label,value`, where
//! `section` and `key` follow the JSON (`services.consult.wait_s`, `mean`) and `label` is in
//! the chosen language. Nulls are empty cells.

use super::Header;
use crate::domain::codes::{Channel, Lane, Matter, Rating, Service};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::TallyLabel as AppointmentLabel;
use crate::i18n::board::HallFigure;
use crate::i18n::rating::TallyLabel;
use crate::i18n::{Lang, Words};
use crate::tally::{Counts, DeskTally, Levels, OrderedMap, Summary, Tally};

struct Rows {
    lang: Lang,
    writer: csv::Writer<Vec<u8>>,
}

impl Rows {
    /// Every cell is written as text only (SPEC §4): whatever a snapshot or a code holds, no
    /// control character reaches a spreadsheet or a printer through the CSV.
    fn row(&mut self, section: &str, key: &str, label: &str, value: &str) {
        // Writing to a Vec cannot fail.
        let _ = self
            .writer
            .write_record([section, key, label, value].map(sanitize));
    }

    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    fn counts(&mut self, section: &str, counts: &Counts, label: impl Fn(&str) -> String) {
        for (key, n) in counts.iter() {
            let text = label(key);
            self.row(section, key, &text, &n.to_string());
        }
    }

    fn summary(&mut self, section: &str, s: &Summary) {
        let opt = |v: Option<String>| v.unwrap_or_default();
        self.row(section, "n", self.t("人次", "n"), &s.n.to_string());
        self.row(
            section,
            "mean",
            self.t("平均（秒）", "mean (s)"),
            &opt(s.mean.map(|v| v.to_string())),
        );
        self.row(
            section,
            "median",
            self.t("中位数（秒）", "median (s)"),
            &opt(s.median.map(|v| v.to_string())),
        );
        self.row(
            section,
            "p90",
            self.t("P90（秒）", "p90 (s)"),
            &opt(s.p90.map(|v| v.to_string())),
        );
        self.row(
            section,
            "max",
            self.t("最长（秒）", "max (s)"),
            &opt(s.max.map(|v| v.to_string())),
        );
    }

    /// The five levels, best first, keyed by their codes.
    fn levels(&mut self, section: &str, levels: &Levels) {
        for rating in Rating::ALL {
            self.row(
                section,
                rating.code(),
                rating.label(self.lang),
                &levels.get(*rating).to_string(),
            );
        }
    }

    fn desks(&mut self, prefix: &str, desks: &OrderedMap<DeskTally>) {
        for (code, d) in desks.iter() {
            let section = format!("{prefix}.{}", sanitize(code));
            self.row(
                &section,
                "served",
                self.t("办结（件）", "served"),
                &d.served.to_string(),
            );
            self.row(
                &section,
                "service_s_mean",
                self.t("平均办理（秒）", "mean service (s)"),
                &opt_f(d.service_s_mean),
            );
            if prefix == "windows" {
                let label = HallFigure::PausedSeconds.text(self.lang);
                self.row(&section, "paused_s", &label, &d.paused_s.to_string());
            }
            let roll_up = [
                (Rating::Satisfied, d.satisfaction.satisfied),
                (Rating::Basic, d.satisfaction.basic),
                (Rating::Unsatisfied, d.satisfaction.unsatisfied),
            ];
            for (rating, n) in roll_up {
                self.row(
                    &format!("{section}.satisfaction"),
                    rating.code(),
                    rating.label(self.lang),
                    &n.to_string(),
                );
            }
            self.levels(
                &format!("{section}.satisfaction.levels"),
                &d.satisfaction.levels,
            );
        }
    }
}

fn opt_f(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn render(tally: &Tally, lang: Lang, header: &Header) -> String {
    let mut rows = Rows {
        lang,
        writer: csv::Writer::from_writer(Vec::new()),
    };
    rows.row("section", "key", "label", "value");
    rows.row(
        "meta",
        "center_name",
        rows.t("中心名称", "center"),
        &sanitize(&header.center_name),
    );
    rows.row("meta", "from", rows.t("起始日期", "from"), &tally.from);
    rows.row("meta", "to", rows.t("截止日期", "to"), &tally.to);
    rows.row(
        "meta",
        "closed_days",
        rows.t("已日结天数", "days closed"),
        &format!("{}/{}", header.closed_days, header.days),
    );
    if let Some(closer) = &header.closer {
        rows.row(
            "meta",
            "closed_by",
            rows.t("日结人", "closed by"),
            &closer.by.as_deref().map(sanitize).unwrap_or_default(),
        );
        rows.row(
            "meta",
            "closed_at",
            rows.t("日结时间", "closed at"),
            &closer.at,
        );
        rows.row(
            "meta",
            "version",
            rows.t("版本", "version"),
            &closer.version.to_string(),
        );
    }
    rows.row(
        "visits",
        "",
        rows.t("来访（人次）", "visits"),
        &tally.visits.to_string(),
    );
    rows.counts("by_channel", &tally.by_channel, |c| {
        Channel::from_code(c).map_or(c.to_string(), |x| x.label(lang).into())
    });
    rows.counts("by_lane", &tally.by_lane, |c| {
        Lane::from_code(c).map_or(c.to_string(), |x| x.label(lang).into())
    });
    rows.counts("by_matter", &tally.by_matter, |c| {
        Matter::from_code(c).map_or(c.to_string(), |x| x.label(lang).into())
    });
    rows.row(
        "urgent",
        "",
        rows.t("紧急（人次）", "urgent"),
        &tally.urgent.to_string(),
    );
    rows.row(
        "group_visits",
        "",
        rows.t("群体性事项（件）", "group matters"),
        &tally.group_visits.to_string(),
    );
    if let Some(list) = &tally.group_list {
        rows.row(
            "group_list",
            "",
            rows.t("群体性事项号码", "group tickets"),
            &list.join(" "),
        );
    }
    rows.counts("hourly_arrivals", &tally.hourly_arrivals, |h| {
        format!("{h}{}", lang.pick("时", "h"))
    });
    for (code, s) in tally.services.iter() {
        let service = Service::from_code(code);
        let section = format!("services.{code}");
        let counts = [
            ("arrivals", ("到达（人次）", "arrivals"), s.arrivals),
            ("done", ("办结（件）", "done"), s.done),
            ("no_show", ("过号（件）", "no-show"), s.no_show),
            ("cancelled", ("离开未办（件）", "left"), s.cancelled),
            ("unfinished", ("未办结（件）", "unfinished"), s.unfinished),
            ("open", ("办理中（件）", "open"), s.open),
        ];
        for (key, (zh, en), value) in counts {
            rows.row(&section, key, rows.t(zh, en), &value.to_string());
        }
        rows.counts(&format!("{section}.outcomes"), &s.outcomes, |o| {
            service
                .and_then(|sv| crate::domain::codes::Outcome::for_service(sv, o))
                .map_or(o.to_string(), |x| x.label(lang).into())
        });
        rows.summary(&format!("{section}.wait_s"), &s.wait_s);
        rows.summary(&format!("{section}.service_s"), &s.service_s);
        rows.row(
            &section,
            "within_target",
            rows.t("等候达标率", "within target"),
            &opt_f(s.within_target),
        );
    }
    rows.counts("referrals", &tally.referrals, |k| match k.split_once('>') {
        Some((a, b)) => {
            let name =
                |c: &str| Service::from_code(c).map_or(c.to_string(), |s| s.label(lang).into());
            format!("{}>{}", name(a), name(b))
        }
        None => k.to_string(),
    });
    rows.desks("windows", &tally.windows);
    rows.desks("staff", &tally.staff);
    rows.row(
        "mediation_success_rate",
        "",
        rows.t("调解成功率", "mediation success rate"),
        &opt_f(tally.mediation_success_rate),
    );
    rows.row(
        "legal_aid_applications",
        "",
        rows.t("法律援助受理申请（件）", "legal aid applications"),
        &tally.legal_aid_applications.to_string(),
    );
    rows.row(
        "documents_drafted",
        "",
        rows.t("代书文书（份）", "documents drafted"),
        &tally.documents_drafted.to_string(),
    );
    rows.row(
        "amount_recovered_yuan",
        "",
        rows.t("挽回经济损失（元）", "amount recovered (yuan)"),
        &tally.amount_recovered_yuan,
    );
    let s = &tally.satisfaction;
    rows.row(
        "satisfaction",
        "satisfied",
        rows.t("满意", "satisfied"),
        &s.satisfied.to_string(),
    );
    rows.row(
        "satisfaction",
        "basic",
        rows.t("基本满意", "fairly satisfied"),
        &s.basic.to_string(),
    );
    rows.row(
        "satisfaction",
        "unsatisfied",
        rows.t("不满意", "unsatisfied"),
        &s.unsatisfied.to_string(),
    );
    rows.row(
        "satisfaction",
        "rated",
        rows.t("已评价", "rated"),
        &s.rated.to_string(),
    );
    rows.row(
        "satisfaction",
        "rate",
        rows.t("满意率", "rate"),
        &opt_f(s.rate),
    );
    rows.row(
        "satisfaction",
        "rated_share",
        rows.t("评价率", "share rated"),
        &opt_f(s.rated_share),
    );
    rows.levels("satisfaction.levels", &s.levels);
    rows.row(
        "satisfaction",
        "by_pad",
        &TallyLabel::ByPad.text(lang),
        &s.by_pad.to_string(),
    );
    let f = &s.follow_ups;
    for (key, label, n) in [
        ("opened", TallyLabel::Opened, f.opened),
        ("closed", TallyLabel::Closed, f.closed),
        ("open", TallyLabel::Open, f.open),
        ("overdue", TallyLabel::Overdue, f.overdue),
    ] {
        let label = format!("{} {}", TallyLabel::FollowUps.text(lang), label.text(lang));
        rows.row("satisfaction.follow_ups", key, &label, &n.to_string());
    }
    let a = &tally.appointments;
    for (key, label, n) in [
        ("booked", AppointmentLabel::Booked, a.booked),
        ("checked_in", AppointmentLabel::CheckedIn, a.checked_in),
        ("missed", AppointmentLabel::Missed, a.missed),
        ("cancelled", AppointmentLabel::Cancelled, a.cancelled),
        (
            "checked_in_on_time",
            AppointmentLabel::OnTime,
            a.checked_in_on_time,
        ),
    ] {
        rows.row("appointments", key, &label.text(lang), &n.to_string());
    }
    rows.row(
        "closed",
        "",
        rows.t("已日结", "closed"),
        if tally.closed { "true" } else { "false" },
    );
    for (key, figure, n) in [
        (
            "announcements",
            HallFigure::Announcements,
            tally.announcements,
        ),
        (
            "announce_failed",
            HallFigure::AnnounceFailed,
            tally.announce_failed,
        ),
    ] {
        let label = figure.text(rows.lang);
        rows.row(key, "", &label, &n.to_string());
    }
    if let Some(list) = &tally.unfinished_list {
        rows.row(
            "unfinished_list",
            "",
            rows.t("未办结号码", "unfinished tickets"),
            &list.join(" "),
        );
    }
    let bytes = rows.writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
