//! The A4 tally as PDF: the lines of the A4 text format (80 display columns) set on A4 pages
//! in a CJK font found on the system, embedded as a subset (krilla keeps only the glyphs
//! used). Every character is placed on the 80-column grid the text format was laid out for (a
//! CJK character takes two cells), so columns line up whatever the font's own widths, and the
//! text stays text: a PDF reader, `pdftotext` and the spooler's filters read the words back.

use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use unicode_width::UnicodeWidthChar;

use super::fonts::CjkFont;
use super::layout::centre;
use crate::i18n::print::PrintMsg;
use crate::i18n::{Lang, Words};

/// A4 in PostScript points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// The text format's width.
const COLS: usize = 80;
/// One display column: 80 of them leave about 26 mm margins left and right.
const CELL: f32 = 5.6;
/// A CJK character fills two cells.
const FONT_SIZE: f32 = 2.0 * CELL;
const LINE_H: f32 = 15.5;
const TOP: f32 = 56.0;
const BOTTOM: f32 = 64.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The font file is not a font krilla can use.
    BadFont(String),
    Failed(String),
}

impl PdfError {
    pub fn message(&self) -> PrintMsg {
        match self {
            PdfError::BadFont(detail) => PrintMsg::FontUnreadable {
                detail: detail.clone(),
            },
            PdfError::Failed(detail) => PrintMsg::PdfFailed {
                detail: detail.clone(),
            },
        }
    }
}

/// Lines per page, after the footer's room.
fn lines_per_page() -> usize {
    ((PAGE_H - TOP - BOTTOM) / LINE_H).floor() as usize
}

/// Splits the lines into pages, preferring to break at a blank line (between sections) when
/// the page is nearly full, so a section's heading is not left alone at the foot of a page.
fn paginate(lines: &[&str]) -> Vec<Vec<String>> {
    let per_page = lines_per_page();
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let nearly_full = page.len() * 6 >= per_page * 5;
        let section_ends = line.trim().is_empty() && lines.get(i + 1).is_some();
        if page.len() >= per_page || (nearly_full && section_ends) {
            pages.push(std::mem::take(&mut page));
            if line.trim().is_empty() {
                continue;
            }
        }
        page.push((*line).to_string());
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push(page);
    }
    pages
}

/// The glyphs of one line on the column grid.
fn glyphs(face: &ttf_parser::Face, line: &str) -> Vec<KrillaGlyph> {
    line.char_indices()
        .map(|(at, c)| {
            let cells = UnicodeWidthChar::width(c).unwrap_or(0) as f32;
            // A character the font lacks keeps its cells and its text (glyph 0 draws the
            // font's "missing" box), so the layout and a search in the PDF still work.
            let id = face.glyph_index(c).map_or(0, |g| u32::from(g.0));
            KrillaGlyph::new(
                GlyphId::new(id),
                cells * CELL / FONT_SIZE,
                0.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            )
        })
        .collect()
}

/// `text` (the A4 text format, lines of at most 80 columns) as an A4 PDF in `font`; each page
/// numbered at its foot in `lang`.
pub fn render(text: &str, font: &CjkFont, lang: Lang, title: &str) -> Result<Vec<u8>, PdfError> {
    let face = ttf_parser::Face::parse(&font.data, font.index)
        .map_err(|e| PdfError::BadFont(format!("{}: {e}", font.family)))?;
    let pdf_font = Font::new(font.data.clone().into(), font.index)
        .ok_or_else(|| PdfError::BadFont(font.family.clone()))?;
    let lines: Vec<&str> = text.lines().collect();
    let pages = paginate(&lines);
    let left = (PAGE_W - COLS as f32 * CELL) / 2.0;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("legaldesk".to_string())
            .language(
                match lang {
                    Lang::Zh => "zh-CN",
                    Lang::En => "en",
                }
                .to_string(),
            ),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Failed("page size".into()))?;
    let count = pages.len();
    for (number, page_lines) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut draw = |line: &str, baseline: f32| {
            if line.trim().is_empty() {
                return;
            }
            surface.draw_glyphs(
                Point::from_xy(left, baseline),
                &glyphs(&face, line),
                pdf_font.clone(),
                line,
                FONT_SIZE,
                false,
            );
        };
        for (i, line) in page_lines.iter().enumerate() {
            draw(line, TOP + FONT_SIZE + i as f32 * LINE_H);
        }
        let footer = PrintMsg::PageOf {
            page: number + 1,
            pages: count,
        }
        .text(lang);
        for line in centre(&footer, COLS) {
            draw(&line, PAGE_H - BOTTOM / 2.0);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_break_between_sections_and_never_overflow() {
        let per_page = lines_per_page();
        let mut lines = Vec::new();
        for section in 0..30 {
            lines.push(String::new());
            lines.push(format!("【第 {section} 节】"));
            for row in 0..7 {
                lines.push(format!("行 {row}"));
            }
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let pages = paginate(&refs);
        assert!(pages.len() > 1);
        assert!(pages.iter().all(|p| p.len() <= per_page));
        // Nothing lost but the blank lines that became page breaks.
        let kept: usize = pages.iter().flatten().filter(|l| !l.is_empty()).count();
        assert_eq!(kept, refs.iter().filter(|l| !l.is_empty()).count());
        // Every page but the first starts with a heading, not in the middle of a section.
        for page in &pages[1..] {
            assert!(page[0].starts_with('【'), "{:?}", &page[..2]);
        }
    }
}
