//! The rules across the steps of one visit (rows sharing `visit_date` and `ticket`): steps
//! numbered from 1 without gaps, visit-level columns in agreement, a referral or return
//! followed by the next step (a return by a consult step), and each step queued no earlier
//! than the previous one finished.

use std::collections::BTreeMap;

use super::columns::Col;
use super::problem::{Problem, RowError};
use super::rows::Row;
use crate::domain::codes::{Outcome, Service};

/// The rows of one visit, by index into the row list, in `seq` order.
pub type Visits = BTreeMap<(chrono::NaiveDate, String), Vec<usize>>;

/// Groups rows into visits and checks the rules across a visit's steps.
pub fn group(rows: &[Row]) -> Result<Visits, Vec<RowError>> {
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
        Err(errors)
    }
}
