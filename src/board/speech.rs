//! Speaking one announcement: a recorded-clip folder when `announce_clips` is set (the clips
//! joined into one WAV and played with `announce_player`), else `announce_command`. Commands
//! run without a shell: a word containing `{text}` or `{pinyin}` gets the words in characters
//! or numbered pinyin (one argument); with neither, the text is written to the command's
//! standard input. Nothing a command prints reaches the board's screen.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::spell::Spoken;
use crate::domain::announce::SpeechFailure;
use crate::service::hall_settings::{split_command, HallSettings};

/// How long one announcement may take before it is stopped and recorded as failed.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// How the announcer speaks: recorded clips first when a folder is set, and the speech
/// command for anything the clips cannot say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The clip folder and the command that plays the joined clips.
    pub clips: Option<(PathBuf, Result<Vec<String>, SpeechFailure>)>,
    /// The speech command split into words, or why it cannot be used.
    pub command: Result<Vec<String>, SpeechFailure>,
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Done,
    Failed(SpeechFailure),
    /// Stopped because the announcer is quitting: the row stays to be spoken.
    Stopped,
}

fn words_of(line: &str) -> Result<Vec<String>, SpeechFailure> {
    split_command(line).ok_or_else(|| SpeechFailure::BadCommand(line.to_string()))
}

impl Speaker {
    pub fn from_settings(hall: &HallSettings) -> Speaker {
        Speaker {
            clips: hall
                .clips
                .as_ref()
                .map(|dir| (dir.clone(), words_of(&hall.player))),
            command: words_of(&hall.command),
        }
    }

    /// The speech command alone.
    pub fn command(words: Vec<String>) -> Speaker {
        Speaker {
            clips: None,
            command: Ok(words),
        }
    }

    /// Speaks once, waiting until the speech has ended. With a clip folder that lacks a word
    /// of the text (a window label nobody recorded), the speech command says it instead.
    pub fn speak(&self, spoken: &Spoken, stop: &AtomicBool) -> Said {
        if let Some((dir, player)) = &self.clips {
            let file =
                std::env::temp_dir().join(format!("legaldesk-announce-{}.wav", std::process::id()));
            match super::clips::join(dir, &spoken.text, &file) {
                Ok(()) => {
                    let said = match player {
                        Ok(player) => play(player, &file, stop),
                        Err(failure) => Said::Failed(failure.clone()),
                    };
                    let _ = std::fs::remove_file(&file);
                    return said;
                }
                Err(SpeechFailure::ClipMissing(_)) if self.command.is_ok() => {}
                Err(failure) => return Said::Failed(failure),
            }
        }
        match &self.command {
            Ok(words) => say(words, spoken, stop),
            Err(failure) => Said::Failed(failure.clone()),
        }
    }
}

/// The speech command with its placeholders filled in (or the text on standard input).
fn say(words: &[String], spoken: &Spoken, stop: &AtomicBool) -> Said {
    let mut uses_placeholder = false;
    let argv: Vec<String> = words
        .iter()
        .map(|w| {
            if w.contains("{text}") || w.contains("{pinyin}") {
                uses_placeholder = true;
            }
            w.replace("{text}", &spoken.text)
                .replace("{pinyin}", &spoken.pinyin)
        })
        .collect();
    let input = (!uses_placeholder).then_some(spoken.text.as_str());
    run(&argv, input, stop)
}

/// The clip player on the joined file (`{file}`, else the file as the last argument).
fn play(player: &[String], file: &std::path::Path, stop: &AtomicBool) -> Said {
    let path = file.display().to_string();
    let mut argv: Vec<String> = player.iter().map(|w| w.replace("{file}", &path)).collect();
    if !player.iter().any(|w| w.contains("{file}")) {
        argv.push(path);
    }
    run(&argv, None, stop)
}

/// Runs one command to its end (or the timeout, or `stop`).
fn run(argv: &[String], input: Option<&str>, stop: &AtomicBool) -> Said {
    let Some((program, args)) = argv.split_first() else {
        return Said::Failed(SpeechFailure::BadCommand(String::new()));
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    die_with_parent(&mut command);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Said::Failed(SpeechFailure::MissingCommand(program.clone()))
        }
        Err(e) => return Said::Failed(SpeechFailure::Spawn(format!("{program}: {e}"))),
    };
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        // A command that exits without reading is not an error here; its status says.
        let _ = stdin.write_all(text.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Said::Done,
            Ok(Some(status)) => {
                let code = status
                    .code()
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "signal".into());
                let last = last_stderr_line(&mut child);
                let detail = if last.is_empty() {
                    format!("{program}: {code}")
                } else {
                    format!("{program}: {code}: {last}")
                };
                return Said::Failed(SpeechFailure::ExitStatus(detail));
            }
            Ok(None) => {}
            Err(e) => return Said::Failed(SpeechFailure::Spawn(e.to_string())),
        }
        if stop.load(Ordering::Relaxed) {
            end(&mut child);
            return Said::Stopped;
        }
        if started.elapsed() > TIMEOUT {
            end(&mut child);
            return Said::Failed(SpeechFailure::Timeout(TIMEOUT.as_secs().to_string()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn end(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn last_stderr_line(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.by_ref().take(64 * 1024).read_to_string(&mut text);
    }
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    crate::domain::text::sanitize(line)
        .chars()
        .take(120)
        .collect()
}

/// A speech command must not outlive an announcer killed with SIGKILL: it would go on talking
/// over the standby that takes over.
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe and touches only the child between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_command: &mut Command) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn spoken() -> Spoken {
        super::super::spell::announcement("请{ticket}号到{window}办理", "Z001", "1号窗口", false)
    }

    #[test]
    fn a_missing_program_is_named() {
        let speaker = Speaker::command(vec!["no-such-speech-program-xyz".into()]);
        assert_eq!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Failed(SpeechFailure::MissingCommand(
                "no-such-speech-program-xyz".into()
            ))
        );
    }

    #[test]
    fn placeholders_and_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = format!(
            "printf '%s|' \"$@\" > '{}'; cat >> '{}'",
            out.display(),
            out.display()
        );
        let speaker = Speaker::command(vec![
            "sh".into(),
            "-c".into(),
            script.clone(),
            "sh".into(),
            "{pinyin}".into(),
            "x{text}".into(),
        ]);
        assert_eq!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Done
        );
        let got = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            got,
            "qing3 zei4 ling2 ling2 yi1 hao4 dao4 yi1 hao4 chuang1 kou3 ban4 li3|x请Z零零一号到一号窗口办理|"
        );
        // No placeholder: the text arrives on standard input.
        let speaker = Speaker::command(vec!["sh".into(), "-c".into(), script, "sh".into()]);
        assert_eq!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Done
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "|请Z零零一号到一号窗口办理\n"
        );
    }

    #[test]
    fn a_failing_command_reports_its_status_and_last_line() {
        let speaker = Speaker::command(vec![
            "sh".into(),
            "-c".into(),
            "echo 'no voice cmn' >&2; exit 3".into(),
        ]);
        assert_eq!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Failed(SpeechFailure::ExitStatus("sh: 3: no voice cmn".into()))
        );
    }

    #[test]
    fn stop_ends_the_command_at_once() {
        let speaker = Speaker::command(vec!["sleep".into(), "20".into()]);
        let stop = AtomicBool::new(true);
        let started = Instant::now();
        assert_eq!(speaker.speak(&spoken(), &stop), Said::Stopped);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_word_without_a_clip_is_said_by_the_command() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("said");
        let speaker = Speaker {
            clips: Some((dir.path().to_path_buf(), Ok(vec!["true".into()]))),
            command: Ok(vec![
                "sh".into(),
                "-c".into(),
                format!("printf '%s' \"$1\" > '{}'", out.display()),
                "sh".into(),
                "{text}".into(),
            ]),
        };
        assert_eq!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Done
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "请Z零零一号到一号窗口办理"
        );
        // Without a usable command the missing clip is the failure.
        let speaker = Speaker {
            command: Err(SpeechFailure::BadCommand("'".into())),
            ..speaker
        };
        assert!(matches!(
            speaker.speak(&spoken(), &AtomicBool::new(false)),
            Said::Failed(SpeechFailure::ClipMissing(_))
        ));
    }
}
