//! The audit log is append-only in the database itself (UPDATE and DELETE fail, whoever runs
//! them), and chained: someone who drops the guards and edits the file by hand, as an
//! attacker with the sqlite3 shell would, is found by `legaldesk check`, which exits 1 and
//! names the first row that no longer fits.

use std::process::{Command, Output};

use crate::common::*;
use legaldesk::domain::codes::Service;
use legaldesk::service::{audit, steps, unmask};
use rusqlite::Connection;

fn legaldesk(db: &TestDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .args(args)
        .output()
        .expect("run legaldesk")
}

/// A day's work: tickets, calls, a finish and an unmasking, all audited.
fn busy_db() -> TestDb {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let boss = supervisor(&mut conn);
    let mut now = opening();
    for name in ["张三", "李四", "王五"] {
        now += 60;
        let issued = issue(&mut conn, &desk, Service::Consult, name, now);
        steps::call_step(&mut conn, &desk, issued.step_id, now + 10).expect("call");
        unmask::unmask_visit(
            &mut conn,
            &boss,
            issued.visit_id,
            "当事人要求核对",
            now + 20,
        )
        .expect("unmask");
    }
    db
}

/// A plain connection without legaldesk's checks: what a person with the sqlite3 shell has.
fn raw(db: &TestDb) -> Connection {
    Connection::open(&db.path).expect("raw open")
}

fn audit_rows(conn: &Connection) -> Vec<(i64, String, String)> {
    conn.prepare("SELECT id, action, detail FROM audit ORDER BY id")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("audit rows")
}

#[test]
fn update_and_delete_are_refused_by_the_database() {
    let db = busy_db();
    let conn = raw(&db);
    let before = audit_rows(&conn);
    assert!(before.len() > 10);
    for sql in [
        "UPDATE audit SET detail = 'nothing happened' WHERE id = 3",
        "UPDATE audit SET staff_id = NULL",
        "DELETE FROM audit WHERE id = 3",
        "DELETE FROM audit",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(audit_rows(&conn), before, "nothing changed");
    // Appending is what the log is for.
    audit::append(&conn, opening() + 999, None, "note", "", None, "").expect("append");
    assert_eq!(audit_rows(&conn).len(), before.len() + 1);
}

#[test]
fn every_unmasking_is_audited_with_its_reason() {
    let db = busy_db();
    let conn = raw(&db);
    let unmasks: Vec<_> = audit_rows(&conn)
        .into_iter()
        .filter(|(_, action, _)| action == "unmask")
        .collect();
    assert_eq!(unmasks.len(), 3);
    for (_, _, detail) in unmasks {
        assert!(detail.contains("当事人要求核对"), "{detail}");
    }
}

#[test]
fn check_passes_on_an_untouched_log() {
    let db = busy_db();
    let out = legaldesk(&db, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("audit chain intact"));
}

#[test]
fn a_hand_edited_row_is_found_and_named() {
    let db = busy_db();
    let conn = raw(&db);
    let rows = audit_rows(&conn);
    // The attacker rewrites the reason of the second unmasking.
    let (target, _, _) = rows
        .iter()
        .filter(|(_, a, _)| a == "unmask")
        .nth(1)
        .cloned()
        .expect("an unmask row");
    conn.execute_batch("DROP TRIGGER audit_no_update;")
        .expect("drop the guard");
    conn.execute(
        "UPDATE audit SET detail = 'routine' WHERE id = ?1",
        [target],
    )
    .expect("edit");
    drop(conn);

    let out = legaldesk(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1), "check must fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("row {target}")),
        "names the edited row {target}: {stderr}"
    );
    assert!(
        stderr.contains("audit_no_update"),
        "and the missing guard: {stderr}"
    );
    // And in Chinese.
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "zh", "--db"])
        .arg(&db.path)
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("第 {target} 条")));
}

#[test]
fn a_row_deleted_by_hand_breaks_the_chain_at_the_next_one() {
    let db = busy_db();
    let conn = raw(&db);
    let rows = audit_rows(&conn);
    let (deleted, _, _) = rows[rows.len() / 2].clone();
    let next = rows[rows.len() / 2 + 1].0;
    conn.execute_batch("DROP TRIGGER audit_no_delete;")
        .expect("drop the guard");
    conn.execute("DELETE FROM audit WHERE id = ?1", [deleted])
        .expect("delete");
    drop(conn);
    let out = legaldesk(&db, &["check", "--full"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("row {next}")), "{stderr}");
}

#[test]
fn a_forged_row_with_a_recomputed_hash_still_breaks_the_rows_after_it() {
    // A careful attacker recomputes the edited row's own hash; the next row's hash was made
    // from the original, so the chain breaks there.
    let db = busy_db();
    let conn = raw(&db);
    let rows = audit_rows(&conn);
    let target = rows[4].0;
    let prev: Vec<u8> = conn
        .query_row("SELECT hash FROM audit WHERE id = ?1", [target - 1], |r| {
            r.get(0)
        })
        .expect("prev");
    let (at, staff, action, entity, entity_id): (i64, Option<i64>, String, String, Option<i64>) =
        conn.query_row(
            "SELECT at, staff_id, action, entity, entity_id FROM audit WHERE id = ?1",
            [target],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("row");
    let forged = audit::row_hash(&prev, at, staff, &action, &entity, entity_id, "forged");
    conn.execute_batch("DROP TRIGGER audit_no_update;")
        .expect("drop");
    conn.execute(
        "UPDATE audit SET detail = 'forged', hash = ?2 WHERE id = ?1",
        rusqlite::params![target, forged],
    )
    .expect("forge");
    conn.execute_batch("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;")
        .expect("restore the guard to hide the edit");
    drop(conn);
    let out = legaldesk(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("row {}", rows[5].0)), "{stderr}");
}
