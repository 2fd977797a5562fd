//! The tally of SPEC §5 on hand-made records whose every figure is worked out here:
//! nearest-rank percentiles (n = 1, n = 2, ties, the median of 1, 2, 3, 4 is 2), means and
//! shares rounded half away from zero (.x5 cases), empty services, referrals, desks, money,
//! satisfaction, local hours from each visit's own offset, and the JSON keys of the spec.
//! Then the same maths through the database: the sample ledger, the indexed query plan.

use crate::common;

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;

use legaldesk::domain::codes::{Channel, Lane, Matter, Outcome, Rating, Service, StepStatus};
use legaldesk::tally::{self, compute, Params, StepRecord, Tally, VisitRecord};

const T0: i64 = 1_790_000_000; // some instant; only differences matter

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn params() -> Params {
    Params {
        from: day("2026-11-23"),
        to: day("2026-11-23"),
        target_wait_s: 20 * 60,
        group_threshold: 5,
    }
}

/// A step queued at T0 and never called.
fn step(service: Service, status: StepStatus) -> StepRecord {
    StepRecord {
        seq: 1,
        service,
        status,
        queued_at: T0,
        called_at: None,
        started_at: None,
        finished_at: None,
        outcome: None,
        amount_fen: None,
        quantity: None,
        rating: None,
        rated_on_pad: false,
        window: None,
        staff: None,
    }
}

/// A done step: waited `wait` seconds, served `service_s` seconds, at window W1 by S01.
fn done(service: Service, outcome: Outcome, wait: i64, service_s: i64) -> StepRecord {
    StepRecord {
        called_at: Some(T0 + wait),
        started_at: Some(T0 + wait),
        finished_at: Some(T0 + wait + service_s),
        outcome: Some(outcome),
        window: Some(Arc::from("W1")),
        staff: Some(Arc::from("S01")),
        ..step(service, StepStatus::Done)
    }
}

fn visit(ticket: &str, steps: Vec<StepRecord>) -> VisitRecord {
    let steps = steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| StepRecord {
            seq: i as i64 + 1,
            ..s
        })
        .collect();
    VisitRecord {
        ticket: ticket.into(),
        channel: Channel::WalkIn,
        lane: Lane::Normal,
        urgent: false,
        matter: Matter::Other,
        parties: 1,
        utc_offset_s: 8 * 3600,
        steps,
    }
}

fn run(visits: &[VisitRecord]) -> Tally {
    compute(params(), visits, false)
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

fn json(tally: &Tally) -> Value {
    serde_json::from_str(&tally.to_json()).unwrap()
}

/// One consult visit per wait, each done with `answered` after 60 s of service.
fn waits(values: &[i64]) -> Tally {
    let visits: Vec<VisitRecord> = values
        .iter()
        .enumerate()
        .map(|(i, w)| {
            visit(
                &format!("Z{:03}", i + 1),
                vec![done(Service::Consult, Outcome::Answered, *w, 60)],
            )
        })
        .collect();
    run(&visits)
}

#[test]
fn nothing_at_all_still_has_every_key_with_zeros_and_nulls() {
    let t = run(&[]);
    let j = json(&t);
    assert_eq!(j["visits"], 0);
    assert_eq!(j["by_channel"].as_object().unwrap().len(), 6);
    assert_eq!(j["by_lane"].as_object().unwrap().len(), 9);
    assert_eq!(j["by_matter"].as_object().unwrap().len(), 13);
    assert!(j["by_matter"].as_object().unwrap().values().all(|v| v == 0));
    let hours = j["hourly_arrivals"].as_object().unwrap();
    assert_eq!(hours.len(), 24);
    assert!(hours.contains_key("00") && hours.contains_key("23"));
    for service in Service::ALL {
        let s = &j["services"][service.code()];
        assert_eq!(s["arrivals"], 0, "{service}");
        assert_eq!(s["wait_s"]["n"], 0);
        for key in ["mean", "median", "p90", "max"] {
            assert!(s["wait_s"][key].is_null(), "{service} wait_s.{key}");
            assert!(s["service_s"][key].is_null(), "{service} service_s.{key}");
        }
        assert!(s["within_target"].is_null());
        let outcomes = s["outcomes"].as_object().unwrap();
        assert_eq!(outcomes.len(), service.outcomes().len());
        assert!(outcomes.contains_key("referred") && outcomes.contains_key("returned"));
    }
    assert_eq!(
        keys(&j["services"]["drafting"]["outcomes"]),
        sorted(&["drafted", "declined", "referred", "returned"])
    );
    // The text keeps the spec's order (serde_json's Value sorts, so look at the text).
    let text = t.to_json();
    let drafting = &text[text.find("\"drafting\"").unwrap()..];
    assert!(drafting.find("\"drafted\"").unwrap() < drafting.find("\"declined\"").unwrap());
    assert!(j["mediation_success_rate"].is_null());
    assert_eq!(j["amount_recovered_yuan"], "0.00");
    assert_eq!(j["satisfaction"]["rated"], 0);
    assert!(j["satisfaction"]["rate"].is_null());
    assert!(j["satisfaction"]["rated_share"].is_null());
    assert_eq!(j["referrals"].as_object().unwrap().len(), 0);
    assert_eq!(j["closed"], false);
    assert_eq!(j["unfinished_list"], serde_json::json!([]));
}

#[test]
fn the_json_has_exactly_the_keys_of_the_spec() {
    let t = waits(&[10]);
    let j = json(&t);
    let top: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "visits",
        "by_channel",
        "by_lane",
        "by_matter",
        "urgent",
        "group_visits",
        "hourly_arrivals",
        "services",
        "referrals",
        "windows",
        "staff",
        "mediation_success_rate",
        "legal_aid_applications",
        "documents_drafted",
        "amount_recovered_yuan",
        "satisfaction",
        "closed",
        "unfinished_list",
        "announcements",
        "announce_failed",
    ] {
        assert!(top.contains(&key), "missing {key}");
    }
    let consult = j["services"]["consult"].as_object().unwrap();
    for key in [
        "arrivals",
        "done",
        "no_show",
        "cancelled",
        "unfinished",
        "outcomes",
        "wait_s",
        "service_s",
        "within_target",
    ] {
        assert!(consult.contains_key(key), "services.consult.{key}");
    }
    assert_eq!(
        keys(&j["services"]["consult"]["wait_s"]),
        sorted(&["n", "mean", "median", "p90", "max"])
    );
    assert_eq!(
        keys(&j["windows"]["W1"]),
        sorted(&["served", "service_s_mean", "satisfaction", "paused_s"])
    );
    assert_eq!(
        keys(&j["windows"]["W1"]["satisfaction"]),
        sorted(&["satisfied", "basic", "unsatisfied", "levels"])
    );
    assert_eq!(
        keys(&j["satisfaction"]),
        sorted(&[
            "satisfied",
            "basic",
            "unsatisfied",
            "rated",
            "rate",
            "rated_share",
            "levels",
            "by_pad",
            "follow_ups"
        ])
    );
    let levels = sorted(&[
        "very_satisfied",
        "satisfied",
        "basic",
        "unsatisfied",
        "very_unsatisfied",
    ]);
    assert_eq!(keys(&j["satisfaction"]["levels"]), levels);
    assert_eq!(keys(&j["windows"]["W1"]["satisfaction"]["levels"]), levels);
    assert_eq!(
        keys(&j["satisfaction"]["follow_ups"]),
        sorted(&["opened", "closed", "open", "overdue"])
    );
    // The JSON reads back into the same tally (snapshots are stored this way).
    assert_eq!(Tally::from_json(&t.to_json()).unwrap(), t);
}

#[test]
fn one_value_is_its_own_mean_median_p90_and_max() {
    let s = &waits(&[300]).services.get("consult").cloned().unwrap();
    assert_eq!(
        (
            s.wait_s.n,
            s.wait_s.mean,
            s.wait_s.median,
            s.wait_s.p90,
            s.wait_s.max
        ),
        (1, Some(300.0), Some(300), Some(300), Some(300))
    );
    assert_eq!(
        (s.service_s.n, s.service_s.mean, s.service_s.median),
        (1, Some(60.0), Some(60))
    );
}

#[test]
fn two_values_median_is_the_lower_and_p90_the_upper() {
    // ceil(0.5 · 2) = 1 → 100; ceil(0.9 · 2) = 2 → 201; mean 301 / 2 = 150.5.
    let s = waits(&[201, 100])
        .services
        .get("consult")
        .cloned()
        .unwrap()
        .wait_s;
    assert_eq!(
        (s.n, s.mean, s.median, s.p90, s.max),
        (2, Some(150.5), Some(100), Some(201), Some(201))
    );
}

#[test]
fn median_of_one_two_three_four_is_two() {
    // ceil(0.5 · 4) = 2 → 2; ceil(0.9 · 4) = 4 → 4; mean 10 / 4 = 2.5.
    let s = waits(&[4, 1, 3, 2])
        .services
        .get("consult")
        .cloned()
        .unwrap()
        .wait_s;
    assert_eq!(
        (s.mean, s.median, s.p90, s.max),
        (Some(2.5), Some(2), Some(4), Some(4))
    );
}

#[test]
fn ties() {
    // 5, 5, 5, 10: median v[2] = 5, p90 v[4] = 10, mean 25 / 4 = 6.25 → 6.3 (half away from zero).
    let s = waits(&[5, 10, 5, 5])
        .services
        .get("consult")
        .cloned()
        .unwrap()
        .wait_s;
    assert_eq!(
        (s.mean, s.median, s.p90, s.max),
        (Some(6.3), Some(5), Some(10), Some(10))
    );
    // All equal.
    let s = waits(&[7, 7])
        .services
        .get("consult")
        .cloned()
        .unwrap()
        .wait_s;
    assert_eq!(
        (s.mean, s.median, s.p90, s.max),
        (Some(7.0), Some(7), Some(7), Some(7))
    );
}

#[test]
fn means_round_half_away_from_zero_to_one_decimal() {
    // 0, 0, 0, 1 → 0.25 → 0.3; 1, 2, 2, 2 → 1.75 → 1.8; 1, 1, 1, 2 → 1.25 → 1.3; 1, 2, 3 → 2.0.
    for (values, mean) in [
        (vec![0, 0, 0, 1], 0.3),
        (vec![1, 2, 2, 2], 1.8),
        (vec![1, 1, 1, 2], 1.3),
        (vec![1, 2, 3], 2.0),
    ] {
        let s = waits(&values)
            .services
            .get("consult")
            .cloned()
            .unwrap()
            .wait_s;
        assert_eq!(s.mean, Some(mean), "{values:?}");
    }
    // 10 ten-thousandths: 1 / 3 → 0.3333 printed as such in the JSON.
    let j = json(&waits(&[0, 0, 1]));
    assert_eq!(
        j["services"]["consult"]["wait_s"]["mean"].to_string(),
        "0.3"
    );
}

#[test]
fn shares_round_half_away_from_zero_to_four_decimals() {
    // 32 waits, 5 within the 20-minute target: 5 / 32 = 0.15625 → 0.1563.
    let mut values = vec![1200; 5]; // exactly the target counts as within
    values.extend(vec![1201; 27]);
    let t = waits(&values);
    let consult = t.services.get("consult").unwrap();
    assert_eq!(consult.within_target, Some(0.1563));
    assert_eq!(
        json(&t)["services"]["consult"]["within_target"].to_string(),
        "0.1563"
    );
    // 1 of 32: 0.03125 → 0.0313.
    let mut values = vec![0];
    values.extend(vec![5000; 31]);
    assert_eq!(
        waits(&values)
            .services
            .get("consult")
            .unwrap()
            .within_target,
        Some(0.0313)
    );
    // 2 of 3: 0.6667.
    assert_eq!(
        waits(&[1, 2, 9999])
            .services
            .get("consult")
            .unwrap()
            .within_target,
        Some(0.6667)
    );
}

#[test]
fn statuses_outcomes_and_the_service_figures() {
    let mut no_show = step(Service::LegalAid, StepStatus::NoShow);
    no_show.called_at = Some(T0 + 90);
    let visits = vec![
        // Consult referred to legal aid, which accepted the application.
        visit(
            "Z001",
            vec![
                done(Service::Consult, Outcome::Referred, 60, 120),
                done(Service::LegalAid, Outcome::ApplicationAccepted, 30, 600),
            ],
        ),
        // Legal aid returned to consult (wrong desk), then answered.
        visit(
            "Y001",
            vec![
                done(Service::LegalAid, Outcome::Returned, 10, 20),
                done(Service::Consult, Outcome::Answered, 0, 100),
            ],
        ),
        visit("Y002", vec![no_show]),
        visit("Y003", vec![step(Service::LegalAid, StepStatus::Cancelled)]),
        visit(
            "Y004",
            vec![step(Service::LegalAid, StepStatus::Unfinished)],
        ),
        visit("G001", vec![step(Service::Notary, StepStatus::Waiting)]),
    ];
    let t = run(&visits);
    assert_eq!(t.visits, 6);
    let la = t.services.get("legal_aid").unwrap();
    assert_eq!(
        (
            la.arrivals,
            la.done,
            la.no_show,
            la.cancelled,
            la.unfinished,
            la.open
        ),
        (5, 2, 1, 1, 1, 0)
    );
    // Waits of legal-aid steps with a call: 30, 10 and the no-show's 90.
    assert_eq!(
        (la.wait_s.n, la.wait_s.median, la.wait_s.max),
        (3, Some(30), Some(90))
    );
    assert_eq!(la.wait_s.mean, Some(43.3)); // 130 / 3 = 43.33…
                                            // Service time only over done steps: 600 and 20.
    assert_eq!((la.service_s.n, la.service_s.mean), (2, Some(310.0)));
    assert_eq!(la.outcomes.get("application_accepted"), Some(&1));
    assert_eq!(la.outcomes.get("returned"), Some(&1));
    assert_eq!(t.legal_aid_applications, 1);
    let consult = t.services.get("consult").unwrap();
    assert_eq!((consult.arrivals, consult.done), (2, 2));
    assert_eq!(consult.outcomes.get("referred"), Some(&1));
    assert_eq!(consult.outcomes.get("answered"), Some(&1));
    assert_eq!(t.services.get("notary").unwrap().open, 1);
    let referrals: Vec<(&str, &u64)> = t.referrals.iter().collect();
    assert_eq!(
        referrals,
        [("consult>legal_aid", &1), ("legal_aid>consult", &1)]
    );
    // The open and unfinished tickets of the day, in ticket order.
    assert_eq!(
        t.unfinished_list,
        Some(vec!["G001".to_string(), "Y004".to_string()])
    );
    // Services nobody used are all zeros.
    let drafting = t.services.get("drafting").unwrap();
    assert_eq!(
        (drafting.arrivals, drafting.wait_s.n, drafting.within_target),
        (0, 0, None)
    );
}

#[test]
fn desks_money_documents_mediation_and_satisfaction() {
    let rated = |mut s: StepRecord, rating: Rating, window: &str, staff: &str| {
        s.rating = Some(rating);
        s.window = Some(Arc::from(window));
        s.staff = Some(Arc::from(staff));
        s
    };
    let mut drafted = done(Service::Drafting, Outcome::Drafted, 0, 100);
    drafted.quantity = Some(3);
    let drafted_default = done(Service::Drafting, Outcome::Drafted, 0, 201); // quantity empty → 1
    let declined = done(Service::Drafting, Outcome::DraftDeclined, 0, 10);
    let mut recovered = done(Service::Mediation, Outcome::AgreementWritten, 0, 1000);
    recovered.amount_fen = Some(320_050);
    let mut small = done(Service::Mediation, Outcome::AgreementOral, 0, 500);
    small.amount_fen = Some(5);
    let visits = vec![
        visit(
            "D001",
            vec![rated(drafted, Rating::Satisfied, "W10", "S07")],
        ),
        visit(
            "D002",
            vec![rated(drafted_default, Rating::Basic, "W2", "S07")],
        ),
        visit(
            "D003",
            vec![rated(declined, Rating::Unsatisfied, "W2", "S08")],
        ),
        visit(
            "T001",
            vec![rated(recovered, Rating::Satisfied, "W4", "S05")],
        ),
        visit("T002", vec![small]),
        visit(
            "T003",
            vec![done(Service::Mediation, Outcome::Failed, 0, 100)],
        ),
        visit(
            "T004",
            vec![done(Service::Mediation, Outcome::Ongoing, 0, 100)],
        ),
    ];
    let t = run(&visits);
    assert_eq!(t.documents_drafted, 4); // 3 + 1; a declined drafting is no document
    assert_eq!(t.amount_recovered_yuan, "3200.55");
    // (1 written + 1 oral) / (2 + 1 failed + 0 refused) = 0.6667; `ongoing` is not in it.
    assert_eq!(t.mediation_success_rate, Some(0.6667));
    let j = json(&t);
    assert_eq!(j["services"]["drafting"]["outcomes"]["declined"], 1);
    // 4 rated of 7 done; satisfied 2 + basic 1 of 4 rated.
    let s = &t.satisfaction;
    assert_eq!((s.satisfied, s.basic, s.unsatisfied, s.rated), (2, 1, 1, 4));
    assert_eq!(s.rate, Some(0.75));
    assert_eq!(s.rated_share, Some(0.5714)); // 4 / 7 = 0.571428…
                                             // Windows in natural order: W1, W2, W4, W10.
    let windows: Vec<&str> = t.windows.iter().map(|(k, _)| k).collect();
    assert_eq!(windows, ["W1", "W2", "W4", "W10"]);
    let w2 = t.windows.get("W2").unwrap();
    assert_eq!((w2.served, w2.service_s_mean), (2, Some(105.5))); // (201 + 10) / 2
    assert_eq!(
        (
            w2.satisfaction.satisfied,
            w2.satisfaction.basic,
            w2.satisfaction.unsatisfied
        ),
        (0, 1, 1)
    );
    let s07 = t.staff.get("S07").unwrap();
    assert_eq!(
        (
            s07.served,
            s07.service_s_mean,
            s07.satisfaction.satisfied,
            s07.satisfaction.basic
        ),
        (2, Some(150.5), 1, 1)
    );
    // W1/S01 finished the three unrated mediation steps: (500 + 100 + 100) / 3 = 233.3.
    assert_eq!(t.windows.get("W1").unwrap().service_s_mean, Some(233.3));
}

#[test]
fn visit_counts_group_matters_and_local_hours() {
    let mut a = visit("Z001", vec![step(Service::Consult, StepStatus::Done)]);
    a.channel = Channel::Hotline;
    a.lane = Lane::Elderly;
    a.urgent = true;
    a.matter = Matter::Labor;
    a.parties = 5; // exactly the threshold: a group matter
    a.steps[0].queued_at = 1_790_000_000 - 1_790_000_000 % 86_400 + 3600 + 1800; // 01:30 UTC
    let mut b = visit("Z002", vec![step(Service::Consult, StepStatus::Done)]);
    b.parties = 4;
    b.utc_offset_s = -5 * 3600;
    b.steps[0].queued_at = 1_790_000_000 - 1_790_000_000 % 86_400 + 3 * 3600; // 03:00 UTC
    let t = run(&[a, b]);
    assert_eq!(t.by_channel.get("hotline"), Some(&1));
    assert_eq!(t.by_channel.get("walk_in"), Some(&1));
    assert_eq!(t.by_lane.get("elderly"), Some(&1));
    assert_eq!(t.by_matter.get("labor"), Some(&1));
    assert_eq!(t.urgent, 1);
    assert_eq!(t.group_visits, 1);
    assert_eq!(t.group_list, Some(vec!["Z001".to_string()]));
    // 01:30 UTC at +08:00 is 09:30; 03:00 UTC at -05:00 is 22:00 the day before.
    assert_eq!(t.hourly_arrivals.get("09"), Some(&1));
    assert_eq!(t.hourly_arrivals.get("22"), Some(&1));
    assert_eq!(t.hourly_arrivals.iter().map(|(_, n)| n).sum::<u64>(), 2);
}

#[test]
fn lists_are_only_for_a_single_day() {
    let p = Params {
        to: day("2026-11-24"),
        ..params()
    };
    let t = compute(
        p,
        &[visit(
            "Z001",
            vec![step(Service::Consult, StepStatus::Unfinished)],
        )],
        false,
    );
    assert_eq!(t.unfinished_list, None);
    assert_eq!(t.group_list, None);
    assert!(json(&t)["unfinished_list"].is_null());
}

// ---- through the database --------------------------------------------------------------

fn sample_ledger() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/formats/sample-ledger.csv"
    ))
    .expect("shared sample ledger")
}

fn imported_sample() -> common::TestDb {
    let test = common::TestDb::empty();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    legaldesk::ledger::import(
        &mut conn,
        &sample_ledger(),
        &common::settings(),
        common::opening(),
    )
    .expect("sample imports");
    test
}

#[test]
fn the_sample_ledger_worked_out_by_hand() {
    let test = imported_sample();
    let conn = test.conn();
    let t = tally::compute_range(
        &conn,
        &common::settings(),
        day("2026-10-12"),
        day("2026-10-13"),
    )
    .unwrap();
    assert_eq!(t.visits, 9);
    assert_eq!(t.urgent, 1); // T001
    assert_eq!(t.group_visits, 0); // parties at most 3
                                   // Consult waits: 185, 1532, 728 (10-12); 463, 353 (10-13) → sorted 185 353 463 728 1532.
    let c = t.services.get("consult").unwrap();
    assert_eq!((c.arrivals, c.done), (5, 5));
    assert_eq!(
        (
            c.wait_s.n,
            c.wait_s.mean,
            c.wait_s.median,
            c.wait_s.p90,
            c.wait_s.max
        ),
        (5, Some(652.2), Some(463), Some(1532), Some(1532))
    );
    assert_eq!(c.within_target, Some(0.8)); // 1532 s is over 20 minutes
    assert_eq!(c.outcomes.get("callback"), Some(&2));
    // Legal aid: Z001's cancelled second step and Y001, Y002 not eligible.
    let la = t.services.get("legal_aid").unwrap();
    assert_eq!((la.arrivals, la.done, la.cancelled), (3, 2, 1));
    assert_eq!(la.outcomes.get("not_eligible"), Some(&2));
    assert_eq!(t.referrals.get("consult>legal_aid"), Some(&1));
    // Mediation T001 failed: 0 of 1.
    assert_eq!(t.mediation_success_rate, Some(0.0));
    // Ratings: basic (Z002 10-12), satisfied ×3 (10-13) of 9 done steps.
    assert_eq!(
        (
            t.satisfaction.rated,
            t.satisfaction.rate,
            t.satisfaction.rated_share
        ),
        (4, Some(1.0), Some(0.4444))
    );
    // Arrivals by local hour of step 1: 09, 13, 15, 15 | 13, 15, 15, 15, 15.
    assert_eq!(t.hourly_arrivals.get("09"), Some(&1));
    assert_eq!(t.hourly_arrivals.get("13"), Some(&2));
    assert_eq!(t.hourly_arrivals.get("15"), Some(&6));
    assert_eq!(t.windows.get("W2").map(|w| w.served), Some(2));
    assert!(!t.closed);
    // The local hour comes from each visit's stored offset, not today's zone setting.
    let elsewhere = legaldesk::service::settings::Settings {
        zone: legaldesk::domain::clock::Zone::parse("+00:00").unwrap(),
        ..common::settings()
    };
    let again =
        tally::compute_range(&conn, &elsewhere, day("2026-10-12"), day("2026-10-13")).unwrap();
    assert_eq!(again.hourly_arrivals, t.hourly_arrivals);
    // One day of the two.
    let one = tally::compute_range(
        &conn,
        &common::settings(),
        day("2026-10-12"),
        day("2026-10-12"),
    )
    .unwrap();
    assert_eq!(one.visits, 4);
    assert_eq!(one.unfinished_list, Some(vec![]));
}

#[test]
fn a_range_is_read_through_the_indexes_without_sorting() {
    let test = imported_sample();
    let conn = test.conn();
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", tally::load::RANGE_SQL))
        .unwrap();
    let plan: Vec<String> = stmt
        .query_map(["2026-10-12", "2026-10-13"], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let text = plan.join("\n");
    assert!(text.contains("SEARCH v USING"), "{text}");
    assert!(text.contains("SEARCH s USING"), "{text}");
    assert!(
        !text.contains("SCAN"),
        "a full scan in the tally query:\n{text}"
    );
    assert!(
        !text.contains("TEMP B-TREE"),
        "the tally query sorts:\n{text}"
    );
}

#[test]
fn live_tickets_are_tallied_like_imported_ones() {
    use legaldesk::service::steps::{self, Finish};
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let desk = common::front_desk(&mut conn);
    let settings = common::settings();
    let t0 = common::opening();
    let a = common::issue(&mut conn, &desk, Service::Consult, "甲", t0 + 300);
    let b = common::issue(&mut conn, &desk, Service::Consult, "乙", t0 + 400);
    let call = steps::call_next(&mut conn, &desk, &settings, t0 + 900).unwrap();
    assert_eq!(call.step_id, a.step_id);
    steps::start(&mut conn, &desk, a.step_id, t0 + 960).unwrap();
    let mut finish = Finish::with_outcome(Outcome::Answered);
    finish.rating = Some(Rating::Satisfied);
    steps::finish(&mut conn, &desk, a.step_id, &finish, &settings, t0 + 1260).unwrap();
    let t = tally::compute_range(&conn, &settings, day(common::DAY), day(common::DAY)).unwrap();
    let c = t.services.get("consult").unwrap();
    assert_eq!((c.arrivals, c.done, c.open), (2, 1, 1));
    assert_eq!((c.wait_s.n, c.wait_s.mean), (1, Some(600.0)));
    assert_eq!(c.service_s.mean, Some(300.0));
    assert_eq!(t.hourly_arrivals.get("09"), Some(&2));
    assert_eq!(t.windows.get("W1").map(|w| w.served), Some(1));
    assert_eq!(
        t.staff
            .get(common::FRONT_DESK)
            .map(|w| w.satisfaction.satisfied),
        Some(1)
    );
    assert_eq!(t.unfinished_list, Some(vec![b.ticket.clone()]));
    assert_eq!(
        legaldesk::service::close::open_tickets(&conn, day(common::DAY)).unwrap(),
        vec![b.ticket]
    );
}
