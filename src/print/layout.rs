//! Lines of a fixed display width for paper, built on the width helpers screens use too
//! (`domain::text`: grapheme clusters, a CJK character or an emoji is two columns). Every
//! function here returns lines no wider than the width it is given, whatever the text: long
//! labels wrap, and a value that cannot share a line with its label goes on the next line.

use crate::domain::text::{displayable, truncate, width};

pub use crate::domain::text::wrap;

/// Wraps a list of short items (tickets) separated by spaces, never splitting an item.
pub fn wrap_items(items: &[String], cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        let item = truncate(item, cols);
        if !line.is_empty() && width(&line) + 1 + width(&item) > cols {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` centred in `cols` (wrapped first when longer).
pub fn centre(text: &str, cols: usize) -> Vec<String> {
    wrap(text, cols)
        .into_iter()
        .map(|line| {
            let pad = cols.saturating_sub(width(&line)) / 2;
            format!("{}{line}", " ".repeat(pad)).trim_end().to_string()
        })
        .collect()
}

/// Label on the left, value on the right, in exactly `cols` columns when they fit; otherwise
/// the label wraps and the value follows right-aligned.
pub fn pair(label: &str, value: &str, cols: usize) -> Vec<String> {
    let (label, value) = (displayable(label), displayable(value));
    let (lw, vw) = (width(&label), width(&value));
    if lw + 1 + vw <= cols {
        let gap = cols.saturating_sub(lw + vw);
        return vec![format!("{label}{}{value}", " ".repeat(gap))];
    }
    let mut lines = wrap(&label, cols);
    let value = truncate(&value, cols);
    let gap = cols.saturating_sub(width(&value));
    lines.push(format!("{}{value}", " ".repeat(gap)));
    lines
}

/// Label/value pairs in as many columns as fit (at most `max_cols`), row by row, two spaces
/// between columns. One column falls back to [`pair`], which always fits.
pub fn grid(items: &[(String, String)], cols: usize, max_cols: usize) -> Vec<String> {
    const GAP: usize = 2;
    // Measured as they will be printed, so a cell never gets text wider than it.
    let items: Vec<(String, String)> = items
        .iter()
        .map(|(l, v)| (displayable(l).into_owned(), displayable(v).into_owned()))
        .collect();
    for n in (2..=max_cols.max(1)).rev() {
        let Some(cell) = cols.checked_sub(GAP * (n - 1)).map(|w| w / n) else {
            continue;
        };
        let fits = items.iter().all(|(l, v)| width(l) + 1 + width(v) <= cell);
        if cell == 0 || !fits {
            continue;
        }
        return items
            .chunks(n)
            .map(|row| {
                let cells: Vec<String> =
                    row.iter().map(|(l, v)| pair(l, v, cell).concat()).collect();
                cells.join(&" ".repeat(GAP)).trim_end().to_string()
            })
            .collect();
    }
    items.iter().flat_map(|(l, v)| pair(l, v, cols)).collect()
}

/// A full-width rule.
pub fn rule(c: char, cols: usize) -> String {
    std::iter::repeat_n(c, cols).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits() {
        let long = "某某省某某市某某县公共法律服务中心（一站式综合服务大厅）";
        for cols in [10, 32, 48, 80] {
            for line in wrap(long, cols)
                .iter()
                .chain(&centre(long, cols))
                .chain(&pair(long, "123 人次", cols))
            {
                assert!(width(line) <= cols, "{cols}: {line}");
            }
        }
        assert_eq!(
            pair("到达", "5 人次", 16),
            vec!["到达      5 人次".to_string()]
        );
        let items: Vec<(String, String)> = (0..5)
            .map(|i| (format!("{i:02}时"), i.to_string()))
            .collect();
        let rows = grid(&items, 32, 4);
        assert!(rows.iter().all(|l| width(l) <= 32));
        assert_eq!(rows.len(), 2);
    }
}
