//! Printing from the real program in a real terminal (tmux): a ticket issued at the front desk
//! prints its slip on the slip printer (a device file here) and the screen says so; `p` on the
//! ticket prints it again marked 补打 (audited); with the printer gone the screen says the slip
//! did not print while the ticket stands; `p` on the tally screen sends the A4 tally to the
//! spooler as a PDF.
//!
//! Needs `tmux`: with env `CI` set its absence fails the test; otherwise it is skipped with a
//! notice.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::e2e_tmux::{cli, sign_in, terminal_hall, SCREEN_DEADLINE};

/// Polls `ready` until it gives a value or the deadline passes.
fn wait<T>(ready: impl Fn() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = ready() {
            return Some(value);
        }
        if start.elapsed() > SCREEN_DEADLINE {
            return None;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn slips_at_intake_and_the_tally_from_the_tally_screen() {
    let Some(the_hall) = terminal_hall("the terminal printing test") else {
        return;
    };
    let (tmux, dir, db) = the_hall.parts();
    // The slip printer: a device file that exists (a printer plugged in).
    let device: PathBuf = dir.join("lp0");
    std::fs::write(&device, b"").unwrap();
    cli(
        dir,
        &db,
        &["settings", "set", "slip_printer", device.to_str().unwrap()],
        "",
    );
    cli(dir, &db, &["settings", "set", "slip_width", "58"], "");
    // The spooler for A4: a script that keeps what it is sent.
    let spooled = dir.join("spooled.pdf");
    let spooler = dir.join("fake-lp");
    std::fs::write(&spooler, format!("#!/bin/sh\ncat > {}\n", quote(&spooled))).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&spooler, std::fs::Permissions::from_mode(0o755)).unwrap();

    let line = format!(
        "export HOME={home} XDG_CONFIG_HOME={home}/config XDG_DATA_HOME={home}/data LEGALDESK_PRINT_COMMAND={spooler}; \
         unset LEGALDESK_DB NO_COLOR; {bin} --db {db} --lang zh; exec sleep 600",
        home = quote(dir),
        spooler = quote(&spooler),
        bin = quote(Path::new(env!("CARGO_BIN_EXE_legaldesk"))),
        db = quote(&db),
    );
    tmux.start("hall", 80, 24, &line);
    sign_in(&tmux, "hall", "S02", "2222", "1");
    tmux.wait_for("hall", "等候队列");

    // A ticket: the slip prints and the ticket screen says so.
    tmux.keys("hall", &["F2"]);
    tmux.wait_for("hall", "登记取号");
    tmux.keys("hall", &["Enter"]);
    tmux.text("hall", "欧阳娜娜");
    tmux.keys("hall", &["Enter"]);
    tmux.text("hall", "13912345678");
    tmux.keys("hall", &["F2"]);
    tmux.wait_for("hall", "已取号：Z001");
    tmux.wait_for("hall", "Z001 的取号单已打印");
    let slip = std::fs::read(&device).unwrap();
    assert!(contains(&slip, b"Z001"));
    assert!(contains(&slip, &gb18030("前方等待 0 人")));
    assert!(
        slip.ends_with(&[0x1D, b'V', b'A', 0]),
        "a cut ends the slip"
    );
    for secret in ["欧阳", "13912345678"] {
        assert!(!contains(&slip, &gb18030(secret)) && !contains(&slip, secret.as_bytes()));
    }

    // p on the ticket: printed again, marked 补打, and audited.
    tmux.keys("hall", &["p"]);
    let reprinted = wait(|| {
        let bytes = std::fs::read(&device).ok()?;
        contains(&bytes, &gb18030("（补打）")).then_some(bytes)
    })
    .expect("the slip printed again, marked 补打");
    assert!(reprinted.len() > slip.len() && reprinted.starts_with(&slip));
    tmux.wait_for("hall", "Z001 的取号单已打印");
    let audited: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'reprint_slip' AND detail = 'Z001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);

    // The printer unplugged: the screen says the slip did not print; the ticket stands.
    std::fs::remove_file(&device).unwrap();
    tmux.keys("hall", &["p"]);
    tmux.wait_for("hall", "未打印");
    tmux.keys("hall", &["Escape"]);
    tmux.wait_for("hall", "Z001");

    // The tally screen: p sends the A4 tally to the spooler as a PDF.
    tmux.keys("hall", &["t"]);
    tmux.wait_for("hall", "日结统计表");
    tmux.keys("hall", &["p"]);
    tmux.wait_for("hall", "打印完成");
    let pdf = std::fs::read(&spooled).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the spooler got a PDF");
    tmux.keys("hall", &["F10"]);
}
