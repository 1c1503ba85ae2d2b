//! Reading a merchant's CSV sample and proposing a data dictionary from it.
//!
//! [`parse_sample`] checks the bytes of an uploaded or pasted sample, keeps at most
//! [`MAX_ROWS`] data rows, and proposes one [`ProposedColumn`] per header name, typed by
//! [`infer_type`]. A refused sample gets a [`CsvProblem`] naming the line (and column)
//! to fix; the UI turns it into words.
//!
//! Accepted: UTF-8 with or without a byte order mark; line breaks `\n`, `\r\n` or a lone
//! `\r`; RFC 4180 quoting (a field that starts with `"` may hold delimiters and line
//! breaks, and `""` in it is one quote). The delimiter is read off the header, the first
//! non-blank line: a tab if it has more tabs than commas (a paste from a spreadsheet), a
//! semicolon if it has neither commas nor tabs but semicolons, else a comma. Blank lines
//! and rows whose cells are all blank are skipped.
//!
//! Two things the `csv` crate accepts silently are refused as [`CsvProblem::Malformed`]:
//! a quoted field that is never closed (`csv` reads the rest of the file into it) and
//! text after a closing quote (`csv` glues it on: `"a"b` reads as `ab`).
//!
//! Lines are numbered as a text editor shows them, from 1; a row spanning lines is named
//! by the line it starts on. They are counted from the byte offsets `csv` reports, not
//! taken from its `Position::line`, which lags after `\r\n` line endings and blank lines
//! (rust-csv issues #395 and #208).

/// The largest sample accepted, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The number of data rows kept; further rows are counted, checked for shape (their
/// number of cells), and dropped.
pub const MAX_ROWS: usize = 50;
/// The most columns a sample may have.
pub const MAX_COLUMNS: usize = 40;
/// The longest cell, in characters, a kept row may hold.
pub const MAX_CELL_CHARS: usize = 500;
/// The longest header name, in characters, after trimming.
pub const MAX_NAME_CHARS: usize = 64;

/// A column's type as the data dictionary states it; stored as its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnType {
    Integer,
    Decimal,
    Boolean,
    Date,
    Timestamp,
    Text,
}

impl ColumnType {
    /// Every type, in the order a type picker lists them.
    pub const ALL: [Self; 6] = [
        Self::Integer,
        Self::Decimal,
        Self::Boolean,
        Self::Date,
        Self::Timestamp,
        Self::Text,
    ];

    /// The stored name of this type, such as `"integer"`.
    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Self::Integer => "integer",
            Self::Decimal => "decimal",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::Timestamp => "timestamp",
            Self::Text => "text",
        }
    }

    /// The type with slug `s`; the legacy slugs `"string"` and `"float"` read as
    /// [`Text`](Self::Text) and [`Decimal`](Self::Decimal).
    #[must_use]
    pub fn from_slug(s: &str) -> Option<Self> {
        match s {
            "string" => Some(Self::Text),
            "float" => Some(Self::Decimal),
            _ => Self::ALL.into_iter().find(|t| t.slug() == s),
        }
    }
}

/// A proposed dictionary entry (name from the header, inferred type, empty description).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedColumn {
    pub name: String,
    pub column_type: ColumnType,
}

/// A sample that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSample {
    /// One entry per header name, in header order.
    pub columns: Vec<ProposedColumn>,
    /// At most [`MAX_ROWS`] data rows, each exactly `columns.len()` cells as written.
    pub rows: Vec<Vec<String>>,
    /// The number of data rows beyond [`MAX_ROWS`], dropped.
    pub rows_dropped: usize,
}

/// Why a sample was refused. Each variant carries what the message needs; lines and
/// columns count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// No bytes, only whitespace and a byte order mark, or only blank cells.
    Empty,
    /// More than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not UTF-8; `line` holds the first invalid byte. `gbk_likely` when that line reads
    /// as GBK/GB18030 (lead byte 0x81–0xFE, trail byte 0x40–0xFE but not 0x7F), so the
    /// message can say "save it as UTF-8".
    NotUtf8 { line: usize, gbk_likely: bool },
    /// A quoted field never closed (`line` is where it opens), or text after a closing
    /// quote.
    Malformed { line: usize },
    /// A header but no data row.
    NoRows,
    /// More than [`MAX_COLUMNS`] header names.
    TooManyColumns { count: usize },
    /// A header name that is blank.
    EmptyColumnName { column: usize },
    /// A header name given before, ignoring case; `column` is the repeat.
    DuplicateColumnName { column: usize, name: String },
    /// A header name longer than [`MAX_NAME_CHARS`].
    ColumnNameTooLong { column: usize },
    /// A row with more or fewer cells than the header has names.
    RaggedRow {
        line: usize,
        expected: usize,
        found: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`].
    CellTooLong { line: usize, column: usize },
    /// A control character, or a Unicode format character (general category Cf, such as
    /// U+200B or U+202E), in a header name or a cell; cells may hold tabs and line breaks.
    HiddenCharacters { line: usize, column: usize },
}

/// Reads a CSV sample, checks it, and proposes a data dictionary from its header.
///
/// Header names are trimmed; cells are kept as written. Column types are inferred from
/// the kept rows.
///
/// # Errors
///
/// The first problem found. Checks run in this order: size, emptiness, encoding,
/// quoting, the header, then each row in turn. Rows beyond [`MAX_ROWS`] are checked only
/// for their number of cells.
pub fn parse_sample(bytes: &[u8]) -> Result<ParsedSample, CsvProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvProblem::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(CsvProblem::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    let delimiter = detect_delimiter(text);
    if let Some(offset) = find_quote_problem(bytes, delimiter) {
        let line = Lines::new(bytes).advance(offset);
        return Err(CsvProblem::Malformed { line });
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut lines = Lines::new(bytes);
    let mut record = csv::StringRecord::new();
    let mut names: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut rows_dropped = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(CsvProblem::Malformed {
                    line: lines.record_line(e.position()),
                });
            }
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = lines.record_line(record.position());
        let Some(names) = &names else {
            names = Some(read_header(&record, line)?);
            continue;
        };
        let (expected, found) = (names.len(), record.len());
        if found != expected {
            return Err(CsvProblem::RaggedRow {
                line,
                expected,
                found,
            });
        }
        if rows.len() == MAX_ROWS {
            rows_dropped += 1;
            continue;
        }
        for (index, cell) in record.iter().enumerate() {
            let column = index + 1;
            if cell.chars().any(is_hidden_in_cell) {
                return Err(CsvProblem::HiddenCharacters { line, column });
            }
            if cell.chars().count() > MAX_CELL_CHARS {
                return Err(CsvProblem::CellTooLong { line, column });
            }
        }
        rows.push(record.iter().map(str::to_owned).collect());
    }

    let names = names.ok_or(CsvProblem::Empty)?;
    if rows.is_empty() {
        return Err(CsvProblem::NoRows);
    }
    let columns = names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let column_type = infer_type(rows.iter().map(|row| row[index].as_str()));
            ProposedColumn { name, column_type }
        })
        .collect();
    Ok(ParsedSample {
        columns,
        rows,
        rows_dropped,
    })
}

/// The type that fits every non-empty value (empty cells are ignored; all empty → Text).
///
/// Surrounding whitespace is ignored, and the first type that fits wins:
/// - `Integer`: `-?[0-9]+` within `i64`, without a redundant leading zero (so codes such
///   as `007` stay text);
/// - `Decimal`: integers and numbers such as `-1.25` or `1e-3`, but not `.5`, `5.`,
///   `inf` or `nan`; so a column of integers and decimals is decimal;
/// - `Boolean`: `true`, `false`, `yes`, `no` in any case, `是`, `否`;
/// - `Date`: a real calendar date as `YYYY-MM-DD` or `YYYY/MM/DD`;
/// - `Timestamp`: a date, `T` or a space, `HH:MM` or `HH:MM:SS` (with an optional
///   fraction of a second), then optionally `Z` or `±HH:MM`; dates fit too, so a column
///   of dates and timestamps is timestamp;
/// - otherwise `Text`.
pub fn infer_type<'a>(values: impl IntoIterator<Item = &'a str>) -> ColumnType {
    use ColumnType::{Boolean, Date, Decimal, Integer, Text, Timestamp};
    let mut candidates = [Integer, Decimal, Boolean, Date, Timestamp].map(Some);
    let mut seen_value = false;
    for value in values.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
        seen_value = true;
        for candidate in &mut candidates {
            *candidate = candidate.filter(|&t| fits(t, value));
        }
    }
    if !seen_value {
        return Text;
    }
    candidates.into_iter().flatten().next().unwrap_or(Text)
}

fn fits(column_type: ColumnType, value: &str) -> bool {
    let bytes = value.as_bytes();
    match column_type {
        ColumnType::Integer => is_whole_number(value) && value.parse::<i64>().is_ok(),
        ColumnType::Decimal => is_decimal(value),
        ColumnType::Boolean => {
            ["true", "false", "yes", "no"]
                .iter()
                .any(|w| value.eq_ignore_ascii_case(w))
                || matches!(value, "是" | "否")
        }
        ColumnType::Date => is_date(bytes),
        ColumnType::Timestamp => is_date(bytes) || is_timestamp(bytes),
        ColumnType::Text => true,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `-?[0-9]+` without a redundant leading zero.
fn is_whole_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    all_digits(digits) && (digits == "0" || !digits.starts_with('0'))
}

fn is_decimal(value: &str) -> bool {
    let (mantissa, exponent) = match value.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (value, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    is_whole_number(whole)
        && fraction.is_none_or(all_digits)
        && exponent.is_none_or(all_digits)
        && value.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The value of two ASCII digits.
fn two_digits(tens: u8, ones: u8) -> Option<u8> {
    (tens.is_ascii_digit() && ones.is_ascii_digit()).then(|| (tens - b'0') * 10 + (ones - b'0'))
}

fn at_most([tens, ones]: [u8; 2], max: u8) -> bool {
    two_digits(tens, ones).is_some_and(|n| n <= max)
}

fn is_date(s: &[u8]) -> bool {
    let &[y0, y1, y2, y3, separator, m0, m1, separator2, d0, d1] = s else {
        return false;
    };
    let digits = (
        two_digits(y0, y1),
        two_digits(y2, y3),
        two_digits(m0, m1),
        two_digits(d0, d1),
    );
    let (Some(century), Some(year), Some(month), Some(day)) = digits else {
        return false;
    };
    if !matches!(separator, b'-' | b'/') || separator2 != separator {
        return false;
    }
    let year = u32::from(century) * 100 + u32::from(year);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=12).contains(&month) && (1..=days).contains(&day)
}

fn is_timestamp(s: &[u8]) -> bool {
    let Some((date, [b'T' | b' ', time @ ..])) = s.split_at_checked(10) else {
        return false;
    };
    let zone_at = time.iter().position(|b| matches!(b, b'Z' | b'+' | b'-'));
    let (time, zone) = time.split_at(zone_at.unwrap_or(time.len()));
    let (clock, fraction) = match time.iter().position(|&b| b == b'.') {
        Some(dot) => (&time[..dot], Some(&time[dot + 1..])),
        None => (time, None),
    };
    let clock_ok = match *clock {
        [h0, h1, b':', m0, m1] => {
            fraction.is_none() && at_most([h0, h1], 23) && at_most([m0, m1], 59)
        }
        [h0, h1, b':', m0, m1, b':', s0, s1] => {
            at_most([h0, h1], 23) && at_most([m0, m1], 59) && at_most([s0, s1], 59)
        }
        _ => false,
    };
    let zone_ok = match *zone {
        [] | [b'Z'] => true,
        [b'+' | b'-', h0, h1, b':', m0, m1] => at_most([h0, h1], 23) && at_most([m0, m1], 59),
        _ => false,
    };
    is_date(date)
        && clock_ok
        && zone_ok
        && fraction.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// Whether `c` is hidden in a cell: as in [`is_hidden`], but tab and line breaks are
/// allowed.
fn is_hidden_in_cell(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && is_hidden(c)
}

/// Whether `c` is a control character (Unicode general category Cc) or a format
/// character (Cf, as of Unicode 18.0).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
            | '\u{890}'..='\u{891}' | '\u{8E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

fn read_header(record: &csv::StringRecord, line: usize) -> Result<Vec<String>, CsvProblem> {
    if record.len() > MAX_COLUMNS {
        return Err(CsvProblem::TooManyColumns {
            count: record.len(),
        });
    }
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    for (index, raw) in record.iter().enumerate() {
        let (column, name) = (index + 1, raw.trim());
        if name.chars().any(is_hidden) {
            return Err(CsvProblem::HiddenCharacters { line, column });
        }
        if name.is_empty() {
            return Err(CsvProblem::EmptyColumnName { column });
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(CsvProblem::ColumnNameTooLong { column });
        }
        if names
            .iter()
            .any(|earlier| earlier.to_lowercase() == name.to_lowercase())
        {
            let name = name.to_owned();
            return Err(CsvProblem::DuplicateColumnName { column, name });
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// The delimiter the header (the first non-blank line) implies; see the module docs.
fn detect_delimiter(text: &str) -> u8 {
    let header = text
        .split(['\r', '\n'])
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let count = |delimiter| header.matches(delimiter).count();
    let (commas, tabs, semicolons) = (count(','), count('\t'), count(';'));
    if tabs > commas {
        b'\t'
    } else if commas == 0 && semicolons > 0 {
        b';'
    } else {
        b','
    }
}

/// The offset of the first quoting error `csv` would pass over: the opening quote of a
/// field never closed, or a character after a closing quote. As in `csv`, a quote is
/// special only at the start of a field.
fn find_quote_problem(bytes: &[u8], delimiter: u8) -> Option<usize> {
    enum State {
        FieldStart,
        Unquoted,
        Quoted { opened_at: usize },
        AfterQuote { opened_at: usize },
    }
    let mut state = State::FieldStart;
    for (offset, &b) in bytes.iter().enumerate() {
        let ends_field = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted { opened_at: offset },
            State::FieldStart | State::Unquoted if ends_field => State::FieldStart,
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted { opened_at } if b == b'"' => State::AfterQuote { opened_at },
            State::AfterQuote { opened_at } if b == b'"' => State::Quoted { opened_at },
            quoted @ State::Quoted { .. } => quoted,
            State::AfterQuote { .. } if ends_field => State::FieldStart,
            State::AfterQuote { .. } => return Some(offset),
        };
    }
    match state {
        State::Quoted { opened_at } => Some(opened_at),
        _ => None,
    }
}

fn not_utf8(bytes: &[u8], offset: usize) -> CsvProblem {
    let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
    let (before, after) = bytes.split_at(offset);
    let start = before.iter().rposition(is_break).map_or(0, |i| i + 1);
    let end = after
        .iter()
        .position(is_break)
        .map_or(bytes.len(), |i| offset + i);
    CsvProblem::NotUtf8 {
        line: Lines::new(bytes).advance(offset),
        gbk_likely: bytes.get(start..end).is_some_and(looks_like_gbk),
    }
}

/// Whether `line` is well-formed GBK/GB18030 with at least one non-ASCII character.
fn looks_like_gbk(mut line: &[u8]) -> bool {
    let mut multibyte = false;
    loop {
        line = match line {
            [] => return multibyte,
            [b, rest @ ..] if b.is_ascii() => rest,
            [
                0x81..=0xFE,
                0x30..=0x39,
                0x81..=0xFE,
                0x30..=0x39,
                rest @ ..,
            ]
            | [0x81..=0xFE, 0x40..=0x7E | 0x80..=0xFE, rest @ ..] => {
                multibyte = true;
                rest
            }
            _ => return false,
        };
    }
}

/// Turns byte offsets, asked for in increasing order, into line numbers counting from 1.
/// A line ends at `\n`, `\r\n` or a lone `\r`.
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line holding the byte at `offset`.
    fn advance(&mut self, offset: usize) -> usize {
        let end = offset.clamp(self.offset, self.bytes.len());
        let bytes = self.bytes;
        let breaks = (self.offset..end).filter(|&i| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        });
        self.line += breaks.count();
        self.offset = end;
        self.line
    }

    /// The line a record starts on. `csv` gives the offset where it began reading, which
    /// is before any blank lines it skipped and before the `\n` of a `\r\n`.
    fn record_line(&mut self, position: Option<&csv::Position>) -> usize {
        let offset = position.map_or(usize::MAX, |p| {
            usize::try_from(p.byte()).unwrap_or(usize::MAX)
        });
        let rest = self.bytes.get(offset..).unwrap_or_default();
        let skipped = rest
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        self.advance(offset.saturating_add(skipped))
    }
}

#[cfg(test)]
mod tests {
    use super::ColumnType::{Boolean, Date, Decimal, Integer, Text, Timestamp};
    use super::CsvProblem::*;
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse_sample(text.as_bytes()).expect("a sample").rows
    }

    fn problem(text: impl AsRef<[u8]>) -> CsvProblem {
        parse_sample(text.as_ref()).expect_err("a problem")
    }

    fn ragged(line: usize, found: usize) -> CsvProblem {
        let expected = 2;
        RaggedRow {
            line,
            expected,
            found,
        }
    }

    #[test]
    fn reads_a_sample_and_skips_the_bom() {
        let sample = parse_sample("\u{FEFF}id, Name ,price\n1,Ann,2.5\n2,Bob,3\n".as_bytes());
        let sample = sample.expect("parses");
        let columns: Vec<_> = sample
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.column_type))
            .collect();
        assert_eq!(
            columns,
            [("id", Integer), ("Name", Text), ("price", Decimal)]
        );
        assert_eq!(sample.rows, [["1", "Ann", "2.5"], ["2", "Bob", "3"]]);
        assert_eq!(sample.rows_dropped, 0);
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"one\r\ntwo\nthree\",2\n";
        let expected = [["x, y", "say \"hi\""], ["one\r\ntwo\nthree", "2"]];
        assert_eq!(rows(text), expected);
        assert_eq!(problem(format!("{text}4,5,6\n")), ragged(6, 3));
    }

    #[test]
    fn line_numbers_survive_crlf_blank_lines_and_lone_cr() {
        assert_eq!(rows("a,b\r\n1,2\r\n\r\n3,4\r\n"), [["1", "2"], ["3", "4"]]);
        assert_eq!(problem("a,b\r\n1,2\r\n\r\n\r\n3\r\n"), ragged(5, 1));
        assert_eq!(problem("\n\na,b\n\n1,2\n\n\n3\n"), ragged(8, 1));
        assert_eq!(problem("a,b\r1,2\r3"), ragged(3, 1));
        // Rows of blank cells are skipped like blank lines.
        assert_eq!(problem("a,b\n ,\t\n,\n3"), ragged(4, 1));
    }

    #[test]
    fn detects_tab_and_semicolon_delimiters() {
        let sample = parse_sample(b"name\tprice\tnote, EUR\nAnn\t1,5\tx\n").expect("parses");
        assert_eq!(sample.columns[2].name, "note, EUR");
        assert_eq!(sample.rows, [["Ann", "1,5", "x"]]);
        assert_eq!(rows("name;price\nAnn;1,5\n"), [["Ann", "1,5"]]);
        assert_eq!(rows("a,b\n1,2\tc\n"), [["1", "2\tc"]]);
        // One tab and one comma: a comma, and a tab in a name is hidden.
        assert_eq!(
            problem("a,b\tc\n1,2\n"),
            HiddenCharacters { line: 1, column: 2 }
        );
    }

    #[test]
    fn names_the_line_of_gbk_and_other_non_utf8_bytes() {
        let gbk = problem(b"id,name\r\n1,ok\r\n2,\xD6\xD0\xCE\xC4\r\n");
        assert_eq!(
            gbk,
            NotUtf8 {
                line: 3,
                gbk_likely: true
            }
        );
        let latin1 = problem(b"id,city\n1,Caf\xE9,x\n");
        assert_eq!(
            latin1,
            NotUtf8 {
                line: 2,
                gbk_likely: false
            }
        );
    }

    #[test]
    fn refuses_bad_headers() {
        let wide = (1..=41)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let count = 41;
        assert_eq!(problem(format!("{wide}\n{wide}")), TooManyColumns { count });
        assert_eq!(problem("a,,b\n1,2,3"), EmptyColumnName { column: 2 });
        assert_eq!(problem("a, \n1,2"), EmptyColumnName { column: 2 });
        let (column, name) = (3, "name".to_owned());
        let duplicate = DuplicateColumnName { column, name };
        assert_eq!(problem("id,Name, name\n1,2,3"), duplicate);
        let long = "名".repeat(MAX_NAME_CHARS);
        assert_eq!(rows(&format!("a,{long}\n1,2")).len(), 1);
        let too_long = problem(format!("a,{long}x\n1,2"));
        assert_eq!(too_long, ColumnNameTooLong { column: 2 });
        for name in ["a\u{202E}", "\"a\nb\"", "a\tb"] {
            let hidden = problem(format!("\n{name},b\n1,2"));
            assert_eq!(hidden, HiddenCharacters { line: 2, column: 1 }, "{name:?}");
        }
    }

    #[test]
    fn refuses_empty_headerless_and_oversized_samples() {
        assert_eq!(problem(""), Empty);
        assert_eq!(problem("\u{FEFF} \r\n\t\n"), Empty);
        assert_eq!(problem(",,\n,\n"), Empty);
        assert_eq!(problem("a,b\n\n,\n"), NoRows);
        let bytes = MAX_BYTES + 1;
        assert_eq!(problem(vec![b'a'; bytes]), TooLarge { bytes });
    }

    #[test]
    fn keeps_fifty_rows_and_checks_the_shape_of_the_rest() {
        let rows = (0..60)
            .map(|i| format!("{i},row {i}\n"))
            .collect::<Vec<_>>()
            .concat();
        let text = format!("n,label\n{rows}");
        let sample = parse_sample(text.as_bytes()).expect("parses");
        assert_eq!((sample.rows.len(), sample.rows_dropped), (MAX_ROWS, 10));
        assert_eq!(sample.rows[49], ["49", "row 49"]);
        // A dropped row is checked for its number of cells only.
        let text = format!("{text}x,{}\u{200B}\n", "y".repeat(MAX_CELL_CHARS));
        let sample = parse_sample(text.as_bytes()).expect("parses");
        assert_eq!(sample.rows_dropped, 11);
        assert_eq!(problem(format!("{text}one\n")), ragged(63, 1));
    }

    #[test]
    fn refuses_long_cells_and_hidden_characters() {
        let longest = "é".repeat(MAX_CELL_CHARS);
        assert_eq!(rows(&format!("a\n{longest}")).len(), 1);
        let too_long = problem(format!("a,b\n1,2\n3,{longest}é"));
        assert_eq!(too_long, CellTooLong { line: 3, column: 2 });
        let hidden = |cell| parse_sample(format!("a,b\n\"x\ny\",{cell}\n").as_bytes());
        for cell in ["zero\u{200B}width", "bell\u{7}", "tag\u{E0041}", "\u{FEFF}"] {
            let expected = Err(HiddenCharacters { line: 2, column: 2 });
            assert_eq!(hidden(cell), expected, "{cell:?}");
        }
        assert!(hidden("tab\tand 王小明").is_ok());
    }

    #[test]
    fn refuses_quoting_that_csv_would_repair() {
        assert_eq!(problem("a,b\n1,2\n3,\"open\n4,5\n"), Malformed { line: 3 });
        assert_eq!(problem("a,\"b"), Malformed { line: 1 });
        assert_eq!(problem("a,b\r\n\r\n1,\"x\"y\r\n"), Malformed { line: 3 });
        // A quote inside an unquoted field is an ordinary character, as in `csv`.
        assert_eq!(rows("a,b\n5\" disk,x\n"), [["5\" disk", "x"]]);
    }

    #[test]
    fn infers_each_type() {
        let infer = |values: &str| infer_type(values.split('|'));
        assert_eq!(infer("1|-20||0|9223372036854775807"), Integer);
        assert_eq!(infer("1|2.50| -0.5 |1e-3|9223372036854775808"), Decimal);
        assert_eq!(infer("TRUE|no|Yes|是|否"), Boolean);
        assert_eq!(infer("2024-02-29|2000/02/29|1999-12-31"), Date);
        assert_eq!(
            infer("2024-01-02T03:04|2024-01-02 03:04:05.123Z"),
            Timestamp
        );
        assert_eq!(infer("2024-01-02|2024-01-02T23:59:59-05:30"), Timestamp);
        assert_eq!(infer("| "), Text);
        assert_eq!(infer_type([]), Text);
        assert_eq!(infer("1|true"), Text);
        let odd = "007|1,000|+5|.5|5.|1e|inf|NaN|1e999|0x10|1900-02-29|2023-02-29|\
                   2024-13-01|2024-00-10|2024-04-31|2024-1-05|2024-01/05|2024-01-01T24:00|\
                   2024-01-01 10:00+0800|2024-01-01T10:00:61|2024-01-01T10:00.5|\
                   2024-01-01T10:00:00.|2024-01-01X10:00|2024-01-01T10:00Z+01:00|y";
        for value in odd.split('|') {
            assert_eq!(infer_type([value, "yes"]), Text, "{value}");
            assert!(matches!(infer_type([value]), Integer | Text), "{value}");
        }
    }

    #[test]
    fn slugs_round_trip() {
        for t in ColumnType::ALL {
            assert_eq!(ColumnType::from_slug(t.slug()), Some(t));
        }
        assert_eq!(ColumnType::from_slug("string"), Some(Text));
        assert_eq!(ColumnType::from_slug("float"), Some(Decimal));
        assert_eq!(ColumnType::from_slug("Integer"), None);
    }

    #[test]
    fn never_panics_on_random_input() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % 1_000_003).expect("small")
        };
        // Tokens separated by `|`; the last four (a lone quote, GBK, a BOM, U+200B) lead
        // to refusals, and three cases in four go without them.
        let tokens = b"a|1|-2.5|,|,|;|\t|,\"q,\"\"\n\",|\n|\r\n| |2024-01-02|\xE4\xB8\xAD\
                       |\"|\xD6\xD0|\xEF\xBB\xBF|\xE2\x80\x8B";
        let tokens: Vec<&[u8]> = tokens.split(|&b| b == b'|').collect();
        for case in 0..5000 {
            let usable = tokens.len() - if case % 4 == 1 { 0 } else { 4 };
            let mut bytes = Vec::new();
            for _ in 0..next() % 150 {
                match next() {
                    r if case % 4 == 0 => bytes.push(r.to_le_bytes()[0]),
                    r => bytes.extend_from_slice(tokens[r % usable]),
                }
            }
            if let Ok(sample) = parse_sample(&bytes) {
                let width = sample.columns.len();
                assert!(sample.rows.len() <= MAX_ROWS);
                assert!(sample.rows.iter().all(|row| row.len() == width));
            }
        }
    }
}
