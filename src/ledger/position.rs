//! Which row of the spreadsheet a place in a ledger file is (formats/ledger.md): the header
//! is row 1 and each record one row, whatever the line endings (Excel and WPS end lines with
//! CR LF) and however many text lines a quoted cell spans. A blank line is a row too, as a
//! spreadsheet shows it.
//!
//! The csv crate says where each record starts (a byte offset) and what its cells hold; the
//! row is then 1 + the line breaks before the record − the line breaks inside earlier cells.
//! A line break is LF, CR LF or a lone CR, counted the same way in the file and in a cell
//! (a cell keeps the bytes between its quotes as they are), so the two counts agree.

/// Counts rows through a text, record by record, in file order.
pub struct Rows<'a> {
    text: &'a [u8],
    /// Line breaks in `text[..counted_to]`.
    breaks: u64,
    counted_to: usize,
    /// Line breaks inside the cells of the records read so far.
    in_cells: u64,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Rows<'a> {
        Rows {
            text: text.as_bytes(),
            breaks: 0,
            counted_to: 0,
            in_cells: 0,
        }
    }

    /// The row of the record the csv reader began reading at byte `start` (its position).
    /// Reading begins right after the previous record's terminator, so blank lines (and the
    /// LF of a CR LF) come first; the record's row is the one its first cell is on.
    pub fn row_of(&mut self, start: u64) -> u64 {
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let first_cell = self.text.get(start..).map_or(self.text.len(), |rest| {
            start
                + rest
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count()
        });
        self.row_at(first_cell)
    }

    /// Records that a record was read: the line breaks inside its cells are not rows.
    pub fn read(&mut self, record: &csv::StringRecord) {
        self.in_cells += record
            .iter()
            .map(|cell| breaks(cell.as_bytes(), 0, cell.len()))
            .sum::<u64>();
    }

    /// The row at byte `offset`, once every record before it has been `read`.
    pub fn row_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset > self.counted_to {
            self.breaks += breaks(self.text, self.counted_to, offset);
            self.counted_to = offset;
        }
        (1 + self.breaks).saturating_sub(self.in_cells)
    }
}

/// The row at byte `offset` of `text` (for a place that is not the start of a record, e.g. a
/// byte that cannot be decoded): every record up to there is read to learn its cells.
pub fn row_at(text: &str, offset: usize) -> u64 {
    let before = text.get(..offset).unwrap_or(text);
    let mut rows = Rows::new(before);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(before.as_bytes());
    // A record cut off at `offset` (even inside quotes) still comes out with what it holds.
    for record in reader.records().flatten() {
        rows.read(&record);
    }
    rows.row_at(before.len())
}

/// Line breaks in `bytes[from..to]`: each LF, and each CR not followed by LF (looking past
/// `to`, so a CR LF split across two calls is counted once).
fn breaks(bytes: &[u8], from: usize, to: usize) -> u64 {
    (from..to)
        .filter(|&i| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row of every record of `text`.
    fn rows(text: &str) -> Vec<u64> {
        let mut rows = Rows::new(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|record| {
                let record = record.expect("record");
                let row = rows.row_of(record.position().expect("position").byte());
                rows.read(&record);
                row
            })
            .collect()
    }

    #[test]
    fn every_line_ending_gives_the_same_rows() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = ["h1,h2", "a,b", "c,d", "e,f"].join(ending) + ending;
            assert_eq!(rows(&text), [1, 2, 3, 4], "{ending:?}");
        }
        // No ending after the last record.
        assert_eq!(rows("h\r\na\r\nb"), [1, 2, 3]);
    }

    #[test]
    fn a_quoted_cell_over_several_lines_is_one_row() {
        let text = "h1,h2\r\n\"one\r\ntwo\r\nthree\",x\r\ny,\"a\nb\"\r\nz,z\r\n";
        assert_eq!(rows(text), [1, 2, 3, 4]);
        // A cell ending in CR before its closing quote, and a CR LF straddling a quote.
        let text = "h\n\"a\r\"\n\"b\r\n\"\nc\n";
        assert_eq!(rows(text), [1, 2, 3, 4]);
    }

    #[test]
    fn blank_lines_are_rows_as_a_spreadsheet_shows_them() {
        assert_eq!(rows("h\n\na\r\n\r\n\r\nb\n"), [1, 3, 6]);
        assert_eq!(rows("\nh\na\n"), [2, 3]);
    }

    #[test]
    fn a_place_inside_a_record_is_on_that_records_row() {
        let text = "h1,h2\r\n\"one\r\ntwo\",x\r\ny,z\r\n";
        // Inside the quoted cell, on its second text line: still row 2.
        let inside = text.find("two").expect("two");
        assert_eq!(row_at(text, inside), 2);
        // The start of the next record, and the very end.
        assert_eq!(row_at(text, text.find("y,z").expect("y")), 3);
        assert_eq!(row_at(text, text.len()), 4);
        assert_eq!(row_at(text, 0), 1);
    }
}
