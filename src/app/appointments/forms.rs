//! The appointments screen's forms: booking, the last-four-digits search, and check-in (the
//! lane and the matter, as intake asks them).

use chrono::NaiveDate;

use crate::app::form::{Choice, Field, Form};
use crate::domain::appointment::BookingChannel;
use crate::domain::codes::{Lane, Matter, Service};
use crate::i18n::form::{FieldHint, FieldLabel};
use crate::i18n::{Lang, Words};
use crate::service::appointments::{BookInput, NAME_MAX};

fn code_choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> String,
) -> Vec<Choice> {
    all.iter()
        .map(|c| Choice::new(code(*c), label(*c, Lang::Zh), label(*c, Lang::En)))
        .collect()
}

/// The channels in the order a front desk meets them: at the counter first.
const CHANNELS: &[BookingChannel] = &[
    BookingChannel::WalkIn,
    BookingChannel::Hotline,
    BookingChannel::Online,
];

/// A new booking: `date` filled in (the day on screen, or the first bookable day).
pub fn book(date: NaiveDate, service: Service) -> Form {
    let mut form = Form::new(vec![
        Field::text("date", FieldLabel::BookingDate, 10)
            .with_value(&date.format("%Y-%m-%d").to_string()),
        Field::text("time", FieldLabel::SlotStart, 5).with_hint(FieldHint::SlotTime),
        Field::choice(
            "service",
            FieldLabel::Service,
            code_choices(Service::ALL, Service::code, |s, l| s.label(l).into()),
        ),
        Field::text("name", FieldLabel::Name, NAME_MAX),
        Field::text("phone", FieldLabel::Phone, 24),
        Field::choice(
            "channel",
            FieldLabel::BookedVia,
            code_choices(CHANNELS, BookingChannel::code, |c, l| c.text(l)),
        ),
    ]);
    form.select_code("service", service.code());
    form.focus_key("time");
    form
}

pub fn book_input(form: &Form) -> BookInput {
    BookInput {
        date: form.value("date"),
        time: form.value("time"),
        service: form
            .code("service")
            .as_deref()
            .and_then(Service::from_code)
            .unwrap_or(Service::Consult),
        name: form.value("name"),
        phone: form.value("phone"),
        channel: form
            .code("channel")
            .as_deref()
            .and_then(BookingChannel::from_code)
            .unwrap_or(BookingChannel::WalkIn),
    }
}

pub fn find() -> Form {
    Form::new(vec![
        Field::text("last_four", FieldLabel::LastFour, 4).with_hint(FieldHint::LastFour)
    ])
}

/// Four digits, or nothing.
pub fn last_four(form: &Form) -> Option<String> {
    let text = form.value("last_four");
    let text = text.trim();
    (text.chars().count() == 4 && text.chars().all(|c| c.is_ascii_digit())).then(|| text.into())
}

pub fn check_in() -> Form {
    let mut form = Form::new(vec![
        Field::choice(
            "lane",
            FieldLabel::Lane,
            code_choices(Lane::ALL, Lane::code, |c, l| c.label(l).into()),
        ),
        Field::choice(
            "matter",
            FieldLabel::Matter,
            code_choices(Matter::ALL, Matter::code, |c, l| c.label(l).into()),
        ),
    ]);
    form.select_code("matter", Matter::Other.code());
    form
}

pub fn check_in_input(form: &Form) -> (Lane, Matter) {
    (
        form.code("lane")
            .as_deref()
            .and_then(Lane::from_code)
            .unwrap_or(Lane::Normal),
        form.code("matter")
            .as_deref()
            .and_then(Matter::from_code)
            .unwrap_or(Matter::Other),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_form_reads_back() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 10).unwrap();
        let mut form = book(date, Service::Notary);
        assert_eq!(form.focused().map(|f| f.key), Some("time"));
        for c in "09:30".chars() {
            form.type_char(c);
        }
        form.focus_key("channel");
        form.type_char('2');
        let input = book_input(&form);
        assert_eq!(input.date, "2026-10-10");
        assert_eq!(input.time, "09:30");
        assert_eq!(input.service, Service::Notary);
        assert_eq!(input.channel, BookingChannel::Hotline);
    }

    #[test]
    fn last_four_is_four_digits() {
        let mut form = find();
        for c in "567".chars() {
            form.type_char(c);
        }
        assert_eq!(last_four(&form), None);
        form.type_char('8');
        assert_eq!(last_four(&form).as_deref(), Some("5678"));
        form.type_char('x');
        assert_eq!(last_four(&form), None);
    }
}
