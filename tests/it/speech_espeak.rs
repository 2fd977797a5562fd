//! The shipped speech default with the real espeak-ng (installed by `.ci/run`): the
//! announcer hands espeak-ng's `cmn-latn-pinyin` voice the numbered pinyin of a call, here
//! writing the speech to a WAV file (`-w`) instead of the sound card, and the file holds a
//! plausible length of speech for the thirteen syllables of 请Z零零一号到一号窗口办理.
//! Fails under CI when espeak-ng is missing.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use legaldesk::domain::clock;
use legaldesk::domain::codes::Service;
use legaldesk::service::hall_settings::DEFAULT_COMMAND;
use legaldesk::service::{settings, steps};

use crate::common::{self, TestDb};

/// Seconds of speech in a WAV file, from its header.
fn seconds(path: &std::path::Path) -> f64 {
    let reader = hound::WavReader::open(path).expect("a WAV file");
    let spec = reader.spec();
    reader.duration() as f64 / spec.sample_rate as f64
}

#[test]
fn the_default_espeak_command_speaks_a_call() {
    if !common::require_tool("espeak-ng", "--version", "the espeak-ng speech test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("call.wav");
    let test = TestDb::seeded();
    let mut conn = test.conn();
    settings::set(&conn, "timezone", common::ZONE).unwrap();
    // The shipped command, writing to a file: the same voice and the same pinyin.
    let command = DEFAULT_COMMAND.replace("{pinyin}", &format!("-w {} {{pinyin}}", wav.display()));
    assert!(
        command.starts_with("espeak-ng -v cmn-latn-pinyin -w "),
        "{command}"
    );
    settings::set(&conn, "announce_command", &command).unwrap();
    settings::set(&conn, "announce_repeat", "1").unwrap();
    let desk = common::front_desk(&mut conn);
    common::issue(&mut conn, &desk, Service::Consult, "张三", clock::now());
    let mut announcer = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&test.path)
        .args(["board", "--speak"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let loaded = settings::load(&conn).unwrap();
    steps::call_next(&mut conn, &desk, &loaded, clock::now()).unwrap();
    let start = Instant::now();
    let (spoken, failed): (Option<i64>, Option<String>) = loop {
        let row: (Option<i64>, Option<String>) = conn
            .query_row(
                "SELECT spoken_at, failed || ' ' || failed_detail FROM announcements",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        if row.0.is_some() || row.1.is_some() || start.elapsed() > Duration::from_secs(30) {
            break row;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = announcer.kill();
    let _ = announcer.wait();
    assert_eq!(failed, None, "espeak-ng failed");
    assert!(spoken.is_some(), "not spoken within 30 s");
    let length = seconds(&wav);
    println!("espeak-ng spoke the call in {length:.2} s of audio");
    // Thirteen Mandarin syllables at espeak-ng's default rate: 3.85 s measured with espeak-ng
    // 1.51 (Debian 12). The same pinyin through `-v cmn`, which reads the tone digits as English
    // numbers ("ling two"), takes 5.3 s; an empty or cut-off file is far shorter.
    assert!((2.5..5.0).contains(&length), "{length} s of audio");
}
