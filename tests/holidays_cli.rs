//! `legaldesk holidays` through the real binary: the calendar in force, the reminder from
//! 1 November when next year is missing, an override file in the config directory adding a
//! year, and `--check` of good and bad files (exit 1, the file and line in the message, in
//! both languages).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::Builder::new()
                .prefix("legaldesk-holidays-")
                .tempdir()
                .expect("tempdir"),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Writes the override file where the program looks for it.
    fn install(&self, text: &str) {
        let dir = self.config().join("legaldesk");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("holidays.toml"), text).unwrap();
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_legaldesk"))
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("LEGALDESK_DB", self.dir.path().join("none.sqlite3"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run legaldesk")
    }
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const Y2027: &str = "# 国务院办公厅关于2027年部分节假日安排的通知（示例）\n[2027]\noff = [\"2027-01-01..2027-01-03\", \"2027-02-06..2027-02-12\"]\nwork = [\"2027-02-14\"]\n";

#[test]
fn the_built_in_year_is_printed_as_published() {
    let home = Home::new();
    let zh = home.run(&["holidays", "--year", "2026", "--today", "2026-06-01"]);
    assert!(zh.status.success(), "{}", err(&zh));
    let text = out(&zh);
    assert!(
        text.starts_with("2026 年节假日安排（内置数据）\n"),
        "{text}"
    );
    assert!(text.contains("  2月15日–23日  春节放假\n"), "{text}");
    assert!(text.contains("  2月14日  春节调休上班\n"), "{text}");
    assert!(text.contains("  10月1日–7日  国庆节放假\n"), "{text}");
    assert!(text.contains("  10月10日  国庆节调休上班\n"), "{text}");
    assert!(err(&zh).is_empty(), "no reminder in June: {}", err(&zh));
    let en = home.run(&["--lang", "en", "holidays", "--year", "2026"]);
    assert!(out(&en).contains("  15 Feb – 23 Feb  Spring Festival holiday\n"));
}

#[test]
fn from_the_first_of_november_a_missing_next_year_is_reminded() {
    let home = Home::new();
    let october = home.run(&["holidays", "--today", "2026-10-31"]);
    assert!(october.status.success());
    assert!(err(&october).is_empty(), "{}", err(&october));
    let november = home.run(&["holidays", "--today", "2026-11-01"]);
    assert!(november.status.success());
    let warning = err(&november);
    assert!(warning.contains("尚无 2027 年节假日安排"), "{warning}");
    assert!(warning.contains("holidays.toml"), "{warning}");
    // A year nobody has data for says so instead of guessing.
    let unknown = home.run(&["holidays", "--year", "2027", "--today", "2026-06-01"]);
    assert!(
        out(&unknown).contains("未发布节假日安排"),
        "{}",
        out(&unknown)
    );

    // With 2027 in the override file the reminder stops and both years are printed.
    home.install(Y2027);
    let covered = home.run(&["holidays", "--today", "2026-11-01"]);
    assert!(covered.status.success(), "{}", err(&covered));
    assert!(err(&covered).is_empty(), "{}", err(&covered));
    let text = out(&covered);
    assert!(text.contains("2027 年节假日安排（本地补充文件）"), "{text}");
    assert!(text.contains("  2月6日–12日  节假日放假"), "{text}");
    assert!(text.contains("  2月14日  节假日调休上班"), "{text}");
}

#[test]
fn a_broken_installed_file_is_reported_and_ignored() {
    let home = Home::new();
    home.install("[2027]\noff = [\"2027-02-30\"]\n");
    let run = home.run(&["holidays", "--year", "2027", "--today", "2026-06-01"]);
    assert!(run.status.success());
    let warning = err(&run);
    assert!(warning.contains("第 2 行"), "{warning}");
    assert!(warning.contains("已忽略"), "{warning}");
    assert!(out(&run).contains("未发布节假日安排"));
}

#[test]
fn check_accepts_a_good_file_and_names_the_lines_of_a_bad_one() {
    let home = Home::new();
    let good = home.file("good.toml", Y2027);
    let ok = home.run(&["holidays", "--check", good.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", err(&ok));
    assert!(out(&ok).contains("2027"), "{}", out(&ok));

    let bad = home.file(
        "bad.toml",
        "[2027]\noff = [\n  \"2027-01-01\",\n  \"2027-1-5\",\n]\nwork = [\"2027-02-15\"]\n",
    );
    for (lang, line_4, line_6) in [("zh", "第 4 行", "第 6 行"), ("en", "line 4", "line 6")] {
        let run = home.run(&["--lang", lang, "holidays", "--check", bad.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(1), "{lang}");
        let text = err(&run);
        assert!(text.contains(line_4), "{lang}: {text}");
        assert!(text.contains("2027-1-5"), "{lang}: {text}");
        assert!(text.contains(line_6), "{lang}: {text}");
        assert!(text.contains("bad.toml"), "{lang}: {text}");
    }

    let syntax = home.file("syntax.toml", "[2027]\n\noff = [\"2027-01-01\"\n");
    let run = home.run(&["holidays", "--check", syntax.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(err(&run).contains("TOML"), "{}", err(&run));

    let gbk = home.file("gbk.toml", "");
    std::fs::write(&gbk, b"[2027]\n# \xb9\xfa\xce\xf1\xd4\xba\noff = []\n").unwrap();
    let run = home.run(&["holidays", "--check", gbk.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(err(&run).contains("UTF-8"), "{}", err(&run));
    assert!(err(&run).contains("第 2 行"), "{}", err(&run));

    let missing = Path::new("/nonexistent/holidays.toml");
    let run = home.run(&[
        "--lang",
        "en",
        "holidays",
        "--check",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(err(&run).contains("no such file"), "{}", err(&run));
}
