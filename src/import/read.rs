//! Reading an export: CSV through the `csv` crate (any of `,;\t|`, quoted newlines), XLSX
//! through `calamine` (the first sheet or a named one), text encodings through `encoding_rs`
//! (a byte-order mark wins; else the mapping's `encoding`). Rows are streamed from CSV; an
//! XLSX sheet is read whole, which the format requires.
//!
//! Row numbers are what a spreadsheet shows: the header is row 1, the first ticket row 2 (a
//! CSV record with a quoted newline still counts as one row).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::mapping::{Encoding, Format, Mapping};

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A plain number of a spreadsheet cell (may be an Excel date serial in a date column).
    Number(f64),
    /// A spreadsheet cell formatted as a date: its local date and time.
    DateTime(jiff::civil::DateTime),
    Empty,
}

impl Cell {
    /// The cell as text: numbers without a trailing `.0` (`1234`, not `1234.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(dt) => dt.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// One row with its number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    /// No cell holds anything but spaces.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        })
    }
}

/// Input that cannot be read at all (exit 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    /// Row and column name, when the problem is in a cell.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ": row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// An open export: its header and its rows.
pub struct Table {
    pub file: String,
    pub header: Vec<String>,
    rows: Rows,
    /// The current row, its cells' buffers reused from row to row.
    row: Row,
}

enum Rows {
    Csv { reader: csv::Reader<Box<dyn Read>>, record: csv::ByteRecord, number: u64, transcoded: Option<&'static str> },
    Xlsx { range: calamine::Range<calamine::Data>, next: usize, first_row: u64 },
}

impl Table {
    /// Open `path` as the mapping says (the extension `.xlsx`/`.csv` wins over `format`).
    pub fn open(path: &Path, mapping: &Mapping) -> Result<Table, ReadError> {
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        let format = match ext.as_deref() {
            Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => Format::Xlsx,
            Some("csv" | "tsv" | "txt") => Format::Csv,
            _ => mapping.format.unwrap_or(Format::Csv),
        };
        // A `.tsv` file is tab-separated whatever the mapping's default says.
        let delimiter = if ext.as_deref() == Some("tsv") { b'\t' } else { mapping.delimiter };
        let fail = |message: String| ReadError { file: file.clone(), row: None, column: None, message };
        let handle = File::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
        match format {
            Format::Csv => open_csv(file.clone(), handle, mapping, delimiter),
            Format::Xlsx => open_xlsx(file.clone(), path, mapping.sheet.as_deref()).map_err(fail),
        }
    }

    /// The next row, or a problem that stops the import (invalid bytes, a broken file).
    pub fn next_row(&mut self) -> Option<Result<&Row, ReadError>> {
        let row = &mut self.row;
        match &mut self.rows {
            Rows::Csv { reader, record, number, transcoded } => match reader.read_byte_record(record) {
                Ok(false) => None,
                Err(e) => Some(Err(ReadError {
                    file: self.file.clone(),
                    row: Some(*number + 1),
                    column: None,
                    message: format!("not readable as CSV: {e}"),
                })),
                Ok(true) => {
                    *number += 1;
                    row.number = *number;
                    row.cells.resize(record.len(), Cell::Empty);
                    row.cells.truncate(record.len());
                    for (i, field) in record.iter().enumerate() {
                        let text = match std::str::from_utf8(field) {
                            Ok(t) if transcoded.is_none() || !t.contains('\u{fffd}') => t,
                            _ => {
                                let encoding = transcoded.unwrap_or("UTF-8");
                                let hint = if transcoded.is_none() {
                                    " (a Chinese Excel export is usually GB18030: set encoding = \"gb18030\" in [source])"
                                } else {
                                    ""
                                };
                                return Some(Err(ReadError {
                                    file: self.file.clone(),
                                    row: Some(*number),
                                    column: Some(self.header.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1))),
                                    message: format!("bytes that are not valid {encoding}{hint}"),
                                }));
                            }
                        };
                        // Each cell's buffer is reused: a million rows, not ten million strings.
                        match &mut row.cells[i] {
                            Cell::Text(buffer) => {
                                buffer.clear();
                                buffer.push_str(text);
                            }
                            other => *other = Cell::Text(text.to_owned()),
                        }
                    }
                    Some(Ok(&self.row))
                }
            },
            Rows::Xlsx { range, next, first_row } => {
                let width = range.width();
                let height = range.height();
                if *next >= height {
                    return None;
                }
                let i = *next;
                *next += 1;
                row.cells = (0..width).map(|c| range.get((i, c)).map_or(Cell::Empty, xlsx_cell)).collect();
                row.number = *first_row + i as u64;
                Some(Ok(&self.row))
            }
        }
    }
}

fn open_csv(file: String, handle: File, mapping: &Mapping, delimiter: u8) -> Result<Table, ReadError> {
    let mut buffered = BufReader::with_capacity(1 << 16, handle);
    let start = buffered.fill_buf().map_err(|e| ReadError {
        file: file.clone(),
        row: None,
        column: None,
        message: format!("cannot read: {e}"),
    })?;
    let sniffed = encoding_rs::Encoding::for_bom(start);
    let (encoding, bom) = match sniffed {
        Some((enc, len)) => (Some(enc), len),
        None => match mapping.encoding {
            Some(Encoding::Gb18030) => (Some(encoding_rs::GB18030), 0),
            Some(Encoding::Utf16) => (Some(encoding_rs::UTF_16LE), 0),
            Some(Encoding::Utf8) => (None, 0),
            // Neither a byte-order mark nor `encoding`: UTF-8 when the start of the file is
            // UTF-8, else GB18030 (what Chinese Excel writes); never a guess between others.
            None => match std::str::from_utf8(start) {
                Err(e) if e.error_len().is_some() => (Some(encoding_rs::GB18030), 0),
                _ => (None, 0),
            },
        },
    };
    buffered.consume(bom);
    let (input, transcoded): (Box<dyn Read>, Option<&'static str>) = match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            (Box::new(Transcode::new(buffered, enc.new_decoder_without_bom_handling())), Some(enc.name()))
        }
        _ => (Box::new(buffered), None),
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(input);
    let mut record = csv::ByteRecord::new();
    let fail = |message: String| ReadError { file: file.clone(), row: Some(1), column: None, message };
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(fail("the file is empty: no header row".to_owned())),
        Err(e) => return Err(fail(format!("not readable as CSV: {e}"))),
    }
    let mut header = Vec::with_capacity(record.len());
    for (i, field) in record.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(t) if !t.contains('\u{fffd}') => header.push(t.trim().trim_start_matches('\u{feff}').to_owned()),
            _ => {
                let hint = match transcoded {
                    None => " (a Chinese Excel export is usually GB18030: set encoding = \"gb18030\" in [source])",
                    Some(_) => " (if the file is UTF-8, set encoding = \"utf-8\" in [source])",
                };
                return Err(ReadError {
                    file: file.clone(),
                    row: Some(1),
                    column: Some(format!("#{}", i + 1)),
                    message: format!("header bytes that are not valid {}{hint}", transcoded.unwrap_or("UTF-8")),
                });
            }
        }
    }
    Ok(Table { file, header, rows: Rows::Csv { reader, record, number: 1, transcoded }, row: Row::default() })
}

/// A spreadsheet (XLSX, and through calamine also XLS, XLSB and ODS, told by their bytes).
fn open_xlsx(file: String, path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| format!("not readable as a spreadsheet: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_owned(),
        Some(s) => return Err(format!("no sheet `{s}`; the workbook has: {}", names.join(", "))),
        None => names.first().cloned().ok_or_else(|| "the workbook has no sheet".to_owned())?,
    };
    let range = book.worksheet_range(&name).map_err(|e| format!("sheet `{name}`: {e}"))?;
    let Some((top, _)) = range.start() else {
        return Err(format!("sheet `{name}` is empty: no header row"));
    };
    let header =
        (0..range.width()).map(|c| range.get((0, c)).map_or_else(String::new, |d| xlsx_cell(d).text())).collect();
    Ok(Table { file, header, rows: Rows::Xlsx { range, next: 1, first_row: u64::from(top) + 1 }, row: Row::default() })
}

fn xlsx_cell(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            match jiff::civil::DateTime::new(y as i16, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0) {
                Ok(v) => Cell::DateTime(v),
                Err(_) => Cell::Number(dt.as_f64()),
            }
        }
    }
}

/// A reader that turns bytes of `decoder`'s encoding into UTF-8 as they are read. Malformed
/// bytes become U+FFFD, which the row reader reports at its row and column.
struct Transcode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    done: bool,
}

impl<R: Read> Transcode<R> {
    fn new(inner: R, decoder: encoding_rs::Decoder) -> Self {
        Transcode {
            inner,
            decoder,
            input: vec![0; 1 << 16],
            in_start: 0,
            in_end: 0,
            output: vec![0; 3 * (1 << 16) + 16],
            out_start: 0,
            out_end: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_start == self.out_end {
            if self.done {
                return Ok(0);
            }
            if self.in_start == self.in_end {
                self.in_start = 0;
                self.in_end = self.inner.read(&mut self.input)?;
            }
            let last = self.in_end == 0;
            let (_, read, written, _) =
                self.decoder.decode_to_utf8(&self.input[self.in_start..self.in_end], &mut self.output, last);
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            if last {
                self.done = true;
            }
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn mapping(extra: &str) -> Mapping {
        let text =
            format!("[source]\nname = \"t\"\n{extra}\n[fields]\nid = \"a\"\nopened_at = \"b\"\npriority = \"c\"\n");
        Mapping::parse(&text, Path::new("m.toml")).unwrap()
    }

    fn rows(bytes: &[u8], name: &str, extra: &str) -> Result<(Vec<String>, Vec<Vec<String>>), ReadError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut t = Table::open(&path, &mapping(extra))?;
        let mut out = Vec::new();
        while let Some(r) = t.next_row() {
            out.push(r?.cells.iter().map(Cell::text).collect());
        }
        Ok((t.header, out))
    }

    #[test]
    fn bom_crlf_and_quoted_newlines() {
        let (h, r) = rows(b"\xef\xbb\xbfa,b\r\n1,\"x\r\ny\"\r\n2,z\r\n", "x.csv", "").unwrap();
        assert_eq!(h, ["a", "b"]);
        assert_eq!(r, [vec!["1", "x\r\ny"], vec!["2", "z"]]);
    }

    #[test]
    fn gb18030_and_utf16() {
        let (gb, _, _) = encoding_rs::GB18030.encode("工单编号;优先级\nINC1;高\n");
        let (h, r) = rows(&gb, "x.csv", "encoding = \"gb18030\"\ndelimiter = \";\"").unwrap();
        assert_eq!(h, ["工单编号", "优先级"]);
        assert_eq!(r, [vec!["INC1", "高"]]);
        let mut utf16 = vec![0xff, 0xfe];
        for u in "a\tb\n1\t优\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let (h, r) = rows(&utf16, "x.csv", "delimiter = \"\\t\"").unwrap();
        assert_eq!(h, ["a", "b"]);
        assert_eq!(r, [vec!["1", "优"]]);
    }

    #[test]
    fn without_a_bom_or_encoding_utf8_else_gb18030() {
        let (gb, _, _) = encoding_rs::GB18030.encode("工单编号,类别\nGD-1,网络故障\n");
        let (h, r) = rows(&gb, "x.csv", "").unwrap();
        assert_eq!(
            (h, r),
            (vec!["工单编号".to_owned(), "类别".to_owned()], vec![vec!["GD-1".to_owned(), "网络故障".to_owned()]])
        );
        let (h, _) = rows("工单编号,类别\n".as_bytes(), "x.csv", "").unwrap();
        assert_eq!(h, ["工单编号", "类别"]);
    }

    #[test]
    fn invalid_bytes_are_located() {
        let e = rows(b"a,b\n1,2\n3,\xff\xfe\n", "x.csv", "encoding = \"utf-8\"").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("b")));
        assert!(e.message.starts_with("bytes that are not valid UTF-8"), "{e}");
        let e = rows(b"a,b\n1,\x81\n", "x.csv", "encoding = \"gb18030\"").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("b")));
        assert_eq!(e.to_string(), "x.csv: row 2, column `b`: bytes that are not valid gb18030");
    }
}
