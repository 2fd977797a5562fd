//! The tally as CSV for spreadsheets: one figure per row, `section,key,label,value`, where
//! `section` and `key` follow the JSON (`services.consult.wait_s`, `mean`) and `label` is in
//! the chosen language (the printout's words, with the unit in brackets). Nulls are empty
//! cells. The rows are [`describe`]'s figures in order.

use super::sections::describe;
use super::Header;
use crate::domain::text::sanitize;
use crate::i18n::Lang;
use crate::tally::Tally;

pub fn render(tally: &Tally, lang: Lang, header: &Header) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Every cell is written as text only (SPEC §4): whatever a snapshot or a code holds, no
    // control character reaches a spreadsheet or a printer through the CSV. Writing to a Vec
    // cannot fail.
    let mut row = |cells: [&str; 4]| {
        let _ = writer.write_record(cells.map(sanitize));
    };
    row(["section", "key", "label", "value"]);
    for section in describe(tally, header) {
        for figure in &section.figures {
            let label = figure.label_with_unit(lang);
            let value = figure.value.raw();
            row([&section.key, &figure.key, &label, &value]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
