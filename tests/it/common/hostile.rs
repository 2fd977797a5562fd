//! Hostile text for property tests: what phones, input methods, pastes and imported files can
//! put into a name or a note. Escape sequences and C0/C1 controls, bidirectional overrides,
//! emoji with and without VS16, ZWJ families, flags, skin tones, combining marks, right-to-left
//! scripts and the lam-alef ligature, wide CJK, halfwidth katakana with sound marks, zero-width
//! characters, clusters wider than two columns, and anything proptest can make of Unicode.

use proptest::prelude::*;

/// The note that once crashed a legal-aid desk: hearts with VS16 (U+2764 U+FE0F).
pub const HEARTS: &str = "\u{2764}\u{FE0F}\u{2764}\u{FE0F}\u{2764}\u{FE0F}";

/// Fixed pieces, each a known way text has broken layouts somewhere.
pub const PIECES: &[&str] = &[
    // Escape sequences and controls.
    "\u{1b}[2J",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}[31;1m",
    "\u{9b}6n",
    "\u{0}",
    "\r\n",
    "\t",
    "\u{7f}",
    "\u{85}",
    // Bidirectional overrides, isolates and marks.
    "\u{202E}",
    "\u{200F}",
    "\u{2066}",
    "\u{61C}",
    // Emoji: VS16, without VS16, text presentation, ZWJ family, flag, skin tone, keycap.
    HEARTS,
    "\u{2764}",
    "\u{2764}\u{FE0E}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "\u{1F1E8}\u{1F1F3}",
    "\u{1F1FA}",
    "\u{1F44D}\u{1F3FD}",
    "1\u{FE0F}\u{20E3}",
    // Combining marks, alone and stacked.
    "e\u{301}\u{302}\u{303}\u{304}",
    "\u{301}",
    "Z\u{36B}\u{33F}\u{344}\u{32D}\u{330}",
    // Right-to-left text and the lam-alef ligature unicode-width calls one column.
    "שלום עולם",
    "\u{644}\u{627}\u{644}\u{627}",
    "مرحبا",
    // Wide CJK, fullwidth forms, halfwidth katakana with sound marks, Hangul jamo.
    "张三",
    "欧阳娜娜",
    "𠀋𡈽",
    "ＡＢＣ",
    "\u{FF76}\u{FF9E}\u{FF8A}\u{FF9F}",
    "\u{1100}\u{1100}\u{1161}\u{11A8}",
    // Zero-width and default-ignorable characters, a byte-order mark, a three-column sign.
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{17D8}",
    // Box drawing and the placeholder glyph itself.
    "│─…",
    " ",
];

/// One piece: fixed, short ASCII, or arbitrary Unicode.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ]{0,8}",
        1 => "\\PC{0,6}",
        1 => any::<String>(),
    ]
}

/// Hostile text: a handful of pieces glued together, sometimes a 10 000-character paste.
pub fn nasty() -> impl Strategy<Value = String> {
    text_with_pastes_of(10_000)
}

/// Hostile text whose pastes are `chars` long: layout tests need them longer than any line
/// (1 000 is plenty for 200 columns) and pay for every character in a debug build.
pub fn text_with_pastes_of(chars: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat()),
        1 => piece().prop_map(move |p| {
            let unit = if p.is_empty() { "x".to_string() } else { p };
            unit.chars().cycle().take(chars).collect()
        }),
    ]
}
