//! How a demo step ends: each desk's outcome mix, referral targets, amounts, quantities and
//! the visitor's rating.

use super::people;
use super::rng::Rng;
use crate::domain::codes::{Matter, Outcome, Rating, ReturnReason, Service};
use crate::service::steps::Finish;

/// How a step ends: the outcome mix of each desk, the referral targets, amounts, quantities
/// and the visitor's rating. A visit is not passed on more than twice.
pub(super) fn outcome(rng: &mut Rng, service: Service, seq: i64, matter: Matter) -> Finish {
    let onward = if seq >= 3 { 0 } else { 1 };
    let picked = match service {
        Service::Consult => rng.pick(&[
            (Outcome::Answered, 56),
            (Outcome::AdvisedRoute, 20),
            (Outcome::External, 7),
            (Outcome::Callback, 5),
            (Outcome::Referred, 12 * onward),
        ]),
        Service::LegalAid => rng.pick(&[
            (Outcome::ApplicationAccepted, 33),
            (Outcome::Supplement, 14),
            (Outcome::NotEligible, 12),
            (Outcome::AdviceOnly, 25),
            (Outcome::Withdrawn, 3),
            (Outcome::Returned, 8 * onward),
            (Outcome::Referred, 5 * onward),
        ]),
        Service::Notary => rng.pick(&[
            (Outcome::Accepted, 52),
            (Outcome::Supplement, 20),
            (Outcome::AdviceOnly, 16),
            (Outcome::Declined, 4),
            (Outcome::Returned, 6 * onward),
            (Outcome::Referred, 2 * onward),
        ]),
        Service::Mediation => rng.pick(&[
            (Outcome::AgreementWritten, 28),
            (Outcome::AgreementOral, 14),
            (Outcome::Failed, 20),
            (Outcome::Refused, 10),
            (Outcome::Ongoing, 20),
            (Outcome::Returned, 4 * onward),
            (Outcome::Referred, 4 * onward),
        ]),
        Service::Drafting => rng.pick(&[
            (Outcome::Drafted, 90),
            (Outcome::DraftDeclined, 6),
            (Outcome::Returned, 4 * onward),
        ]),
    };
    let mut finish = Finish::with_outcome(picked);
    match picked {
        Outcome::Referred => {
            let target = match service {
                Service::Consult => rng.pick(&[
                    (Service::LegalAid, 40),
                    (Service::Notary, 18),
                    (Service::Mediation, 25),
                    (Service::Drafting, 17),
                ]),
                Service::LegalAid => rng.pick(&[(Service::Mediation, 60), (Service::Notary, 40)]),
                Service::Notary => Service::Drafting,
                _ => Service::LegalAid,
            };
            finish.refer_to = Some(target);
            finish.note = people::referral_note(rng).to_string();
        }
        Outcome::Returned => {
            finish.reason = Some(rng.pick(&[
                (ReturnReason::WrongDesk, 30),
                (ReturnReason::OutOfScope, 25),
                (
                    ReturnReason::Means,
                    if service == Service::LegalAid { 35 } else { 0 },
                ),
                (ReturnReason::Duplicate, 5),
                (ReturnReason::DeclinedByVisitor, 10),
            ]));
        }
        Outcome::AgreementWritten | Outcome::AgreementOral
            if matches!(
                matter,
                Matter::Labor
                    | Matter::Contract
                    | Matter::Traffic
                    | Matter::Injury
                    | Matter::Property
                    | Matter::Consumer
            ) =>
        {
            if rng.chance(0.7) {
                finish.amount_fen = Some(rng.range(500, 120_000) * 100);
            }
        }
        Outcome::Drafted => {
            finish.quantity = Some(rng.pick(&[(1, 70), (2, 20), (3, 7), (4, 2), (6, 1)]));
        }
        _ => {}
    }
    if rng.chance(0.75) {
        finish.rating = Some(rng.pick(&[
            (Rating::VerySatisfied, 60),
            (Rating::Satisfied, 26),
            (Rating::Basic, 11),
            (Rating::Unsatisfied, 2),
            (Rating::VeryUnsatisfied, 1),
        ]));
    }
    finish
}
