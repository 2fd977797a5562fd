//! Reading a ledger file's bytes as text: UTF-8 (a leading BOM is accepted) or GBK, as
//! spreadsheet programs on Chinese Windows save it. Bytes that are not valid in the chosen
//! encoding are reported with their line (the spreadsheet row, as import counts it), and a
//! UTF-8 read of a GBK file says so.

use std::path::Path;

use super::import::ImportError;
use super::position;
use super::problem::{Problem, RowError};

/// How the file's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Gbk,
}

impl SourceEncoding {
    pub fn parse(text: &str) -> Option<SourceEncoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(SourceEncoding::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" => Some(SourceEncoding::Gbk),
            _ => None,
        }
    }
}

/// Reads and decodes a ledger file.
pub fn read_file(path: &Path, encoding: SourceEncoding) -> Result<String, ImportError> {
    let bytes =
        std::fs::read(path).map_err(|e| ImportError::Io(format!("{}: {e}", path.display())))?;
    decode(&bytes, encoding)
}

/// Bytes to text: UTF-8 (a leading BOM is dropped) or GBK. Bad bytes are reported with the
/// line they are on.
pub fn decode(bytes: &[u8], encoding: SourceEncoding) -> Result<String, ImportError> {
    match encoding {
        SourceEncoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(text) => Ok(text.to_string()),
                Err(e) => {
                    let gbk = encoding_rs::GBK
                        .decode_without_bom_handling_and_without_replacement(body)
                        .is_some();
                    // What comes before the bad byte is text; its rows are counted as import
                    // counts them.
                    let good = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
                    let line = position::row_at(good, good.len());
                    Err(ImportError::Rows(vec![RowError::new(
                        line,
                        None,
                        Problem::NotUtf8 { gbk },
                    )]))
                }
            }
        }
        SourceEncoding::Gbk => {
            let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
            let mut text = String::with_capacity(bytes.len() * 3 / 2 + 16);
            let (result, _read) =
                decoder.decode_to_string_without_replacement(bytes, &mut text, true);
            match result {
                encoding_rs::DecoderResult::InputEmpty => Ok(text),
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    // `text` holds what was decoded before the bad bytes.
                    Err(ImportError::Rows(vec![RowError::new(
                        position::row_at(&text, text.len()),
                        None,
                        Problem::NotGbk,
                    )]))
                }
                encoding_rs::DecoderResult::OutputFull => {
                    Err(ImportError::Io("decoder output full".into()))
                }
            }
        }
    }
}
