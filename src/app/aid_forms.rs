//! The forms of the legal-aid screen and how each becomes a service-layer action. The
//! materials checklist is one choice per material (digits 1/2: not needed / missing), so it
//! works with digits, Enter and Esc alone.

use chrono::NaiveDate;

use super::effect::AidOp;
use super::form::{Choice, Field, Form};
use super::state::AidFormKind;
use crate::domain::aid::{AdvanceGround, Material, RefusalReason};
use crate::i18n::aid::{AidField, Needed};
use crate::i18n::Words;
use crate::service::aid::{SupplementRequest, ASSIGNEE_MAX, NOTE_MAX};

fn choices<T: Words + Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|v| Choice::words(code(*v), v)).collect()
}

fn field(key: &'static str, label: AidField, max: usize) -> Field {
    Field::text(key, label, max)
}

fn choice(key: &'static str, label: AidField, options: Vec<Choice>) -> Field {
    Field::choice(key, label, options)
}

/// A suggested supplement deadline: fifteen days on, moved to a working day.
pub fn suggested_deadline(
    today: NaiveDate,
    calendar: &crate::domain::calendar::Calendar,
) -> NaiveDate {
    calendar.next_working_day_on_or_after(today + chrono::Duration::days(15))
}

pub fn form(
    kind: AidFormKind,
    today: NaiveDate,
    calendar: &crate::domain::calendar::Calendar,
) -> Form {
    match kind {
        AidFormKind::Refuse => Form::new(vec![
            choice(
                "reason",
                AidField::Reason,
                choices(RefusalReason::ALL, RefusalReason::code),
            ),
            field("note", AidField::Note, NOTE_MAX),
        ]),
        AidFormKind::Supplement => {
            let mut fields: Vec<Field> = Material::ALL
                .iter()
                .map(|m| {
                    choice(
                        m.code(),
                        AidField::Material(*m),
                        vec![
                            Choice::words("0", &Needed::No),
                            Choice::words("1", &Needed::Yes),
                        ],
                    )
                })
                .collect();
            fields.push(field("note", AidField::Note, NOTE_MAX));
            fields.push(
                field("deadline", AidField::Deadline, 10)
                    .with_value(&suggested_deadline(today, calendar).to_string()),
            );
            Form::new(fields)
        }
        AidFormKind::Assign => Form::new(vec![field("assignee", AidField::Assignee, ASSIGNEE_MAX)]),
        AidFormKind::Advance => Form::new(vec![
            choice(
                "ground",
                AidField::Ground,
                choices(AdvanceGround::ALL, AdvanceGround::code),
            ),
            field("note", AidField::Note, NOTE_MAX),
        ]),
    }
}

/// Reads a submitted form into the action on application `id`.
pub fn op(kind: AidFormKind, id: i64, form: &Form) -> AidOp {
    match kind {
        AidFormKind::Refuse => AidOp::Refuse {
            id,
            reason: form
                .code("reason")
                .as_deref()
                .and_then(RefusalReason::from_code)
                .unwrap_or(RefusalReason::Other),
            note: form.value("note"),
        },
        AidFormKind::Supplement => AidOp::Supplement {
            id,
            request: SupplementRequest {
                materials: Material::ALL
                    .iter()
                    .copied()
                    .filter(|m| form.code(m.code()).as_deref() == Some("1"))
                    .collect(),
                note: form.value("note"),
                deadline: form.value("deadline"),
            },
        },
        AidFormKind::Assign => AidOp::Assign {
            id,
            assignee: form.value("assignee"),
        },
        AidFormKind::Advance => AidOp::Advance {
            id,
            ground: form
                .code("ground")
                .as_deref()
                .and_then(AdvanceGround::from_code)
                .unwrap_or(AdvanceGround::Other),
            note: form.value("note"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checklist_reads_the_ticked_materials() {
        let today = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let calendar = crate::domain::calendar::Calendar::builtin();
        let mut form = form(AidFormKind::Supplement, today, &calendar);
        // 28 Sep + 15 = 13 Oct (a working day).
        assert_eq!(form.value("deadline"), "2026-10-13");
        form.type_char('2');
        form.next();
        form.next();
        form.next();
        form.type_char('2');
        let AidOp::Supplement { id, request } = op(AidFormKind::Supplement, 7, &form) else {
            panic!("supplement");
        };
        assert_eq!(id, 7);
        assert_eq!(
            request.materials,
            vec![Material::ApplicationForm, Material::MeansStatement]
        );
        assert_eq!(request.deadline, "2026-10-13");
    }
}
