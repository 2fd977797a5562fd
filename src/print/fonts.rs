//! Finding a CJK font on this machine for the PDF tally. Fonts are found the way fontconfig
//! finds them (`fontdb` reads the fontconfig files, honouring `FONTCONFIG_FILE`), so what a
//! center installs with its package manager is what the PDF uses. A face qualifies when it has
//! a glyph for every character of a sample of the tally's words; the well-known families come
//! first so the same machine always picks the same font.

use crate::i18n::print::PrintMsg;

/// Families tried first, in order (Noto/Source Han and WenQuanYi are what Debian and Ubuntu
/// ship; the rest are common on other systems).
const PREFERRED: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans Mono CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei Mono",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei Mono",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
];

/// Characters every tally printout uses: a face without them cannot print one.
const SAMPLE: &str =
    "日结统计表公共法律服务中心人次件份经办负责调解援助公证代书满意率0123456789%:-";

/// A font file loaded in memory, with the face to use inside it (a `.ttc` holds several).
#[derive(Clone)]
pub struct CjkFont {
    pub data: std::sync::Arc<Vec<u8>>,
    pub index: u32,
    pub family: String,
}

impl std::fmt::Debug for CjkFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CjkFont")
            .field("family", &self.family)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// Why no font could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// No installed face covers the sample: the message names the packages to install.
    NoCjkFont,
    Unreadable(String),
}

impl FontError {
    pub fn message(&self) -> PrintMsg {
        match self {
            FontError::NoCjkFont => PrintMsg::NoCjkFont,
            FontError::Unreadable(detail) => PrintMsg::FontUnreadable {
                detail: detail.clone(),
            },
        }
    }
}

/// Whether the face in `data` has a glyph for every character of `text`.
pub fn covers(data: &[u8], index: u32, text: &str) -> bool {
    match ttf_parser::Face::parse(data, index) {
        Ok(face) => text
            .chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| face.glyph_index(c).is_some()),
        Err(_) => false,
    }
}

/// The system's CJK font: the first preferred family that covers the sample, else any face
/// that does (upright and regular weight first).
pub fn find_cjk_font() -> Result<CjkFont, FontError> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    let rank = |face: &fontdb::FaceInfo| {
        let preferred = face
            .families
            .iter()
            .filter_map(|(name, _)| PREFERRED.iter().position(|p| p.eq_ignore_ascii_case(name)))
            .min()
            .unwrap_or(PREFERRED.len());
        let upright = face.style != fontdb::Style::Normal;
        let weight = (face.weight.0 as i32 - 400).abs();
        (preferred, upright, weight, face.post_script_name.clone())
    };
    faces.sort_by_cached_key(|face| rank(face));
    for face in faces {
        let found = db.with_face_data(face.id, |data, index| {
            covers(data, index, SAMPLE).then(|| (data.to_vec(), index))
        });
        if let Some(Some((data, index))) = found {
            let family = face
                .families
                .first()
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| face.post_script_name.clone());
            return Ok(CjkFont {
                data: std::sync::Arc::new(data),
                index,
                family,
            });
        }
    }
    Err(FontError::NoCjkFont)
}
