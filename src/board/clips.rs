//! Recorded clips (`announce_clips`): a folder of WAV files named by word or syllable
//! (`请.wav`, `窗口.wav`, `ling2.wav`, `Z.wav`). The announcement is cut into the longest words
//! the folder has, falling back to one character, its numbered pinyin, or the letter; the
//! clips are joined into one WAV (they must share one format) with a short silence for
//! punctuation. A text the folder cannot cover is left to the speech command (`speech`).

use std::collections::HashSet;
use std::path::Path;

use pinyin::ToPinyin;

use crate::domain::announce::SpeechFailure;

/// The longest word looked for, in characters.
const LONGEST_WORD: usize = 6;
/// Silence for a comma or full stop.
const PAUSE_MS: u32 = 250;

/// The stems of the `.wav` files in `dir`.
fn stems(dir: &Path) -> Result<HashSet<String>, SpeechFailure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| SpeechFailure::ClipFormat(format!("{}: {e}", dir.display())))?;
    Ok(entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let wav = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("wav"));
            wav.then(|| path.file_stem()?.to_str().map(str::to_owned))
                .flatten()
        })
        .collect())
}

/// A piece of the announcement: a clip (its stem) or a pause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Clip(String),
    Pause,
}

/// Cuts `text` into clips found in `have`, longest words first.
pub fn plan(text: &str, have: &HashSet<String>) -> Result<Vec<Piece>, SpeechFailure> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let longest = LONGEST_WORD.min(chars.len() - i);
        let word = (1..=longest)
            .rev()
            .map(|n| chars[i..i + n].iter().collect::<String>())
            .find(|w| have.contains(w));
        if let Some(word) = word {
            i += word.chars().count();
            pieces.push(Piece::Clip(word));
            continue;
        }
        let c = chars[i];
        i += 1;
        if c.is_whitespace() {
            continue;
        }
        if "，。、,.!！?？;；:：".contains(c) {
            pieces.push(Piece::Pause);
            continue;
        }
        let syllable = c.to_pinyin().map(|p| p.with_tone_num_end().to_string());
        let candidates = [
            syllable,
            Some(c.to_ascii_uppercase().to_string()),
            Some(c.to_ascii_lowercase().to_string()),
        ];
        match candidates.into_iter().flatten().find(|s| have.contains(s)) {
            Some(stem) => pieces.push(Piece::Clip(stem)),
            None => return Err(SpeechFailure::ClipMissing(c.to_string())),
        }
    }
    Ok(pieces)
}

/// Joins the clips for `text` from `dir` into one WAV file at `out`.
pub fn join(dir: &Path, text: &str, out: &Path) -> Result<(), SpeechFailure> {
    let pieces = plan(text, &stems(dir)?)?;
    let bad =
        |file: &str, e: &dyn std::fmt::Display| SpeechFailure::ClipFormat(format!("{file}: {e}"));
    let mut writer: Option<(
        hound::WavWriter<std::io::BufWriter<std::fs::File>>,
        hound::WavSpec,
    )> = None;
    let mut pauses_before = 0u32;
    for piece in pieces {
        let stem = match piece {
            Piece::Pause => {
                pauses_before += 1;
                continue;
            }
            Piece::Clip(stem) => stem,
        };
        let file = format!("{stem}.wav");
        let path = dir.join(&file);
        let mut reader = hound::WavReader::open(&path).map_err(|e| bad(&file, &e))?;
        let spec = reader.spec();
        if writer.is_none() {
            let created = hound::WavWriter::create(out, spec).map_err(|e| bad("out", &e))?;
            writer = Some((created, spec));
        }
        let Some((w, first)) = writer.as_mut() else {
            continue;
        };
        if spec != *first {
            return Err(SpeechFailure::ClipFormat(format!(
                "{file}: {} Hz, {} ch, {} bit (the first clip: {} Hz, {} ch, {} bit)",
                spec.sample_rate,
                spec.channels,
                spec.bits_per_sample,
                first.sample_rate,
                first.channels,
                first.bits_per_sample
            )));
        }
        let silence = first.sample_rate * first.channels as u32 * PAUSE_MS / 1000 * pauses_before;
        pauses_before = 0;
        for _ in 0..silence {
            match first.sample_format {
                hound::SampleFormat::Int => w.write_sample(0i32),
                hound::SampleFormat::Float => w.write_sample(0f32),
            }
            .map_err(|e| bad("out", &e))?;
        }
        match spec.sample_format {
            hound::SampleFormat::Int => {
                for s in reader.samples::<i32>() {
                    w.write_sample(s.map_err(|e| bad(&file, &e))?)
                        .map_err(|e| bad("out", &e))?;
                }
            }
            hound::SampleFormat::Float => {
                for s in reader.samples::<f32>() {
                    w.write_sample(s.map_err(|e| bad(&file, &e))?)
                        .map_err(|e| bad("out", &e))?;
                }
            }
        }
    }
    match writer {
        Some((w, _)) => w.finalize().map_err(|e| bad("out", &e)),
        None => Err(SpeechFailure::ClipMissing(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(stems: &[&str]) -> HashSet<String> {
        stems.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn longest_words_first_then_syllables_and_letters() {
        let have = set(&[
            "请", "窗口", "窗", "口", "z", "ling2", "一", "号", "到", "办理",
        ]);
        let plan = plan("请Z零零一号到一号窗口办理。", &have).unwrap();
        let clips: Vec<String> = plan
            .iter()
            .map(|p| match p {
                Piece::Clip(s) => s.clone(),
                Piece::Pause => ",".into(),
            })
            .collect();
        assert_eq!(
            clips,
            [
                "请", "z", "ling2", "ling2", "一", "号", "到", "一", "号", "窗口", "办理", ","
            ]
        );
        assert_eq!(
            super::plan("请到", &set(&["请"])),
            Err(SpeechFailure::ClipMissing("到".into()))
        );
    }

    fn tone(path: &Path, samples: usize, rate: u32) {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(path, spec).unwrap();
        for i in 0..samples {
            w.write_sample(((i % 50) as i16) * 100).unwrap();
        }
        w.finalize().unwrap();
    }

    #[test]
    fn clips_are_joined_and_formats_checked() {
        let dir = tempfile::tempdir().unwrap();
        tone(&dir.path().join("请.wav"), 800, 8000);
        tone(&dir.path().join("到.wav"), 400, 8000);
        let out = dir.path().join("out.wav");
        join(dir.path(), "请，到", &out).unwrap();
        let reader = hound::WavReader::open(&out).unwrap();
        // 800 + 250 ms of silence at 8 kHz + 400.
        assert_eq!(reader.len(), 800 + 2000 + 400);
        tone(&dir.path().join("到.wav"), 400, 16000);
        assert!(matches!(
            join(dir.path(), "请到", &out),
            Err(SpeechFailure::ClipFormat(f)) if f.starts_with("到.wav")
        ));
    }
}
