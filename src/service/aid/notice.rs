//! The notice printed for the applicant (SPEC §10): the supplement request (一次性告知 of
//! every missing material with the deadline) or the refusal with its reason. Laid out as A4
//! text lines for the PDF; it carries the ticket and the masked name and nothing else personal.

use rusqlite::Connection;

use super::super::{audit, Actor, ServiceError};
use crate::domain::aid::AidState;
use crate::domain::application::Application;
use crate::domain::text::width;
use crate::i18n::aid::AidNotice;
use crate::i18n::{Lang, Words};
use crate::print::layout::{centre, wrap};

/// Columns of the A4 text format the PDF sets.
const COLS: usize = 80;

/// Which notice an application has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Supplement,
    Refusal,
}

impl NoticeKind {
    /// The word in the audit row.
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::Supplement => "supplement",
            NoticeKind::Refusal => "refusal",
        }
    }
}

/// The notice's typed lines: the supplement request while supplementing, the refusal once
/// refused; any other state has none (the error says so).
pub fn notice(app: &Application) -> Result<(NoticeKind, Vec<AidNotice>), AidNotice> {
    let applicant = AidNotice::Applicant {
        ticket: app.ticket.clone(),
        applicant: app.applicant.clone(),
    };
    match (app.state, &app.supplement, &app.refusal) {
        (AidState::Supplementing, Some(s), _) => {
            let mut lines = vec![
                AidNotice::SupplementTitle,
                applicant,
                AidNotice::SupplementIntro {
                    received: app.received,
                },
            ];
            lines.extend(
                s.materials
                    .iter()
                    .enumerate()
                    .map(|(i, m)| AidNotice::Material(i + 1, *m)),
            );
            if !s.note.is_empty() {
                lines.push(AidNotice::Note(s.materials.len() + 1, s.note.clone()));
            }
            lines.push(AidNotice::SupplementDeadline(s.deadline));
            lines.push(AidNotice::Dated(s.requested));
            Ok((NoticeKind::Supplement, lines))
        }
        (AidState::Refused, _, Some((reason, note))) => Ok((
            NoticeKind::Refusal,
            vec![
                AidNotice::RefusalTitle,
                applicant,
                AidNotice::RefusalIntro {
                    received: app.received,
                },
                AidNotice::Reason(*reason, note.clone()),
                AidNotice::Objection,
                AidNotice::Dated(app.decided.unwrap_or(app.received)),
            ],
        )),
        (state, _, _) => Err(AidNotice::NoNotice(state)),
    }
}

/// The notice as A4 text lines in `lang` (none wider than 80 columns): the center's name and
/// the title centred, a blank line between the parts, long sentences wrapped.
pub fn notice_lines(
    app: &Application,
    center: &str,
    lang: Lang,
) -> Result<(NoticeKind, Vec<String>), AidNotice> {
    let (kind, notice) = notice(app)?;
    let mut lines = Vec::new();
    if !center.trim().is_empty() {
        lines.extend(centre(center.trim(), COLS));
    }
    for line in &notice {
        let text = line.text(lang);
        match line {
            AidNotice::SupplementTitle | AidNotice::RefusalTitle => {
                lines.extend(centre(&text, COLS));
                lines.push(String::new());
            }
            AidNotice::Material(..) | AidNotice::Note(..) => lines.extend(wrap(&text, COLS)),
            AidNotice::Dated(_) => {
                lines.push(String::new());
                // Right-aligned by display width (a CJK character is two columns).
                let pad = COLS.saturating_sub(width(&text));
                lines.push(format!("{}{text}", " ".repeat(pad)));
            }
            _ => {
                lines.extend(wrap(&text, COLS));
                lines.push(String::new());
            }
        }
    }
    Ok((kind, lines))
}

/// Records the print of an application's notice in the audit trail.
pub fn record_print(
    conn: &mut Connection,
    actor: Option<&Actor>,
    app: &Application,
    kind: NoticeKind,
    now: i64,
) -> Result<(), ServiceError> {
    super::super::write(conn, |tx| {
        audit::append(
            tx,
            now,
            actor.map(|a| a.staff_id),
            "print_aid_notice",
            "aid_application",
            Some(app.id),
            &format!("{} {} pdf", app.ticket, kind.code()),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::aid::{Material, RefusalReason};
    use crate::domain::codes::Matter;
    use crate::service::aid::Supplement;
    use chrono::NaiveDate;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn app(state: AidState) -> Application {
        Application {
            id: 4,
            step_id: 7,
            ticket: "F012".into(),
            visit_date: "2026-11-20".into(),
            applicant: "欧阳*".into(),
            has_id: true,
            matter: Matter::Labor,
            received_at: 0,
            received: date("2026-11-20"),
            state,
            supplement: None,
            decision: None,
            decided: None,
            decision_due_frozen: None,
            refusal: None,
            assign_due_frozen: None,
            assigned: None,
            assignee: None,
            withdrawn: None,
            lapsed: false,
            advance: None,
        }
    }

    fn supplementing() -> Application {
        let mut app = app(AidState::Supplementing);
        app.supplement = Some(Supplement {
            materials: vec![
                Material::ApplicationForm,
                Material::MeansStatement,
                Material::CaseMaterials,
            ],
            note: "劳动合同或工资流水".into(),
            requested: date("2026-11-23"),
            deadline: date("2026-12-07"),
            received: None,
        });
        app
    }

    fn refused() -> Application {
        let mut app = app(AidState::Refused);
        app.decision = Some(AidState::Refused);
        app.decided = Some(date("2026-11-24"));
        app.refusal = Some((RefusalReason::Means, "月收入高于当地标准".into()));
        app
    }

    fn assert_fits(lines: &[String]) {
        for line in lines {
            assert!(width(line) <= COLS, "too wide: {line:?}");
            assert!(!line.contains('\n'));
        }
    }

    #[test]
    fn the_supplement_request_lists_every_material_and_the_deadline_in_zh() {
        let (kind, lines) = notice_lines(&supplementing(), "海淀区公共法律服务中心", Lang::Zh)
            .expect("a supplementing application has a notice");
        assert_eq!(kind, NoticeKind::Supplement);
        assert_fits(&lines);
        let text = lines.join("\n");
        assert_eq!(lines[0].trim(), "海淀区公共法律服务中心");
        assert!(text.contains("法律援助申请补充材料一次性告知书"), "{text}");
        assert!(text.contains("票号：F012    申请人：欧阳*"), "{text}");
        assert!(text.contains("1. 法律援助申请表"), "{text}");
        assert!(text.contains("2. 经济困难状况说明表或证明材料"), "{text}");
        assert!(text.contains("3. 与申请事项有关的案件材料"), "{text}");
        assert!(text.contains("4. 劳动合同或工资流水"), "{text}");
        assert!(
            text.contains("请于 2026-12-07 前补充上述材料。逾期未补充的，视为撤回申请。"),
            "{text}"
        );
        assert!(text.contains("日期：2026-11-23"), "{text}");
        // A material not asked for is not listed.
        assert!(!text.contains("居民身份证"), "{text}");
    }

    #[test]
    fn the_supplement_request_in_en_and_without_a_note_or_a_name() {
        let mut app = supplementing();
        app.applicant = String::new();
        if let Some(s) = app.supplement.as_mut() {
            s.note = String::new();
        }
        let (_, lines) = notice_lines(&app, "", Lang::En).unwrap();
        assert_fits(&lines);
        let text = lines.join("\n");
        assert_eq!(
            lines[0].trim(),
            "Legal-aid application: materials still needed"
        );
        assert!(text.contains("Ticket: F012\n"), "{text}");
        assert!(!text.contains("Applicant:"), "{text}");
        assert!(text.contains("1. legal-aid application form"), "{text}");
        assert!(text.contains("2. statement or proof of financial hardship"));
        assert!(text.contains("3. materials of the matter applied for"));
        assert!(!text.contains("  4."), "{text}");
        assert!(text.contains("by 2026-12-07"), "{text}");
        assert!(text.contains("Date: 2026-11-23"), "{text}");
    }

    #[test]
    fn the_refusal_notice_gives_the_reason_and_the_objection_route() {
        let (kind, zh) = notice_lines(&refused(), "海淀区公共法律服务中心", Lang::Zh).unwrap();
        assert_eq!(kind, NoticeKind::Refusal);
        assert_fits(&zh);
        let zh = zh.join("\n");
        assert!(zh.contains("不予法律援助决定告知书"), "{zh}");
        assert!(
            zh.contains("理由：经济状况不符（月收入高于当地标准）"),
            "{zh}"
        );
        assert!(zh.contains("第四十九条"), "{zh}");
        assert!(zh.contains("日期：2026-11-24"), "{zh}");
        let (_, en) = notice_lines(&refused(), "Haidian", Lang::En).unwrap();
        let en = en.join("\n");
        assert!(
            en.contains("Reason: financial means above the threshold (月收入高于当地标准)"),
            "{en}"
        );
        assert!(en.contains("Date: 2026-11-24"), "{en}");
    }

    #[test]
    fn other_states_have_no_notice_and_say_so() {
        for state in [AidState::Pending, AidState::Granted, AidState::Assigned] {
            assert_eq!(
                notice_lines(&app(state), "x", Lang::Zh).map(|_| ()),
                Err(AidNotice::NoNotice(state))
            );
        }
        assert_eq!(
            AidNotice::NoNotice(AidState::Pending).text(Lang::En),
            "the application is pending; there is no notice to print (a supplement request \
             prints while supplementing, a refusal notice once refused)"
        );
    }

    #[test]
    fn a_long_note_wraps_whole() {
        let mut app = supplementing();
        let note = "近六个月的银行工资流水、".repeat(12);
        if let Some(s) = app.supplement.as_mut() {
            s.note = note.clone();
        }
        let (_, lines) = notice_lines(&app, "中心", Lang::Zh).unwrap();
        assert_fits(&lines);
        let joined: String = lines.iter().map(|l| l.trim()).collect();
        assert!(joined.contains(&note), "{lines:?}");
    }
}
