//! Writes `zammad.xlsx`, a synthetic Zammad ticket report (Reporting → Download, XLSX) for
//! the import example. Documentation only: this file is not built by the itos crate.
//!
//! To regenerate (needs network or a cargo cache with rust_xlsxwriter):
//!   cargo new /tmp/mkxlsx && cd /tmp/mkxlsx && cargo add rust_xlsxwriter@0.102.0
//!   cp …/examples/import/exports/make-zammad-xlsx.rs src/main.rs
//!   cargo run -- …/examples/import/exports/zammad.xlsx
//!
//! The awkward parts: `Created At` of ticket 86002 is an Excel date serial with a date
//! format (as Excel stores a date you typed), every other date is text; `Close Diff In Min`
//! is a number, negative when Zammad counts the ticket as breached; an open ticket has empty
//! `Closed At`; a merged ticket.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "zammad.xlsx".to_owned());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tickets")?;
    let header = [
        "#", "Title", "State", "Priority", "Group", "Created At", "Closed At", "First Response At",
        "Close Diff In Min",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    // #, Title, State, Priority, Group, Created At, Closed At, First Response At, Close Diff In Min
    let rows: [[&str; 9]; 7] = [
        ["86001", "Laptop does not boot / 笔记本无法开机", "closed", "3 high", "Desktop", "2026-09-02 09:05:00", "2026-09-02 11:40:00", "2026-09-02 09:20:00", "80"],
        ["86002", "Printer on 3F jams", "closed", "2 normal", "Desktop", "SERIAL", "2026-09-08 16:30:00", "2026-09-07 10:55:00", "-35"],
        ["86003", "New starter: PC set-up", "closed", "1 low", "Desktop", "2026-09-14 13:00:00", "2026-09-16 17:00:00", "2026-09-14 15:30:00", "600"],
        ["86004", "Duplicate of 86003", "merged", "1 low", "Desktop", "2026-09-14 13:20:00", "2026-09-14 13:25:00", "", ""],
        ["86005", "Monitor flickers", "closed", "2 normal", "Desktop", "2026-09-28 10:00:00", "2026-10-09 10:00:00", "2026-09-28 10:30:00", "-1200"],
        ["86006", "VPN client reinstall", "open", "2 normal", "Desktop", "2026-10-21 14:10:00", "", "2026-10-21 14:25:00", ""],
        ["86007", "Docking station USB dead", "pending close", "1 low", "Desktop", "2026-10-26 09:00:00", "", "2026-10-26 11:00:00", ""],
    ];
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match (c, *v) {
                (_, "") => {}
                // An Excel date serial: 2026-09-07 10:40:00 local time.
                (5, "SERIAL") => {
                    let dt = ExcelDateTime::from_ymd(2026, 9, 7)?.and_hms(10, 40, 0)?;
                    sheet.write_datetime_with_format(r, c, &dt, &date)?;
                }
                (8, n) => {
                    sheet.write_number(r, c, n.parse::<f64>().unwrap_or_default())?;
                }
                (_, text) => {
                    sheet.write_string(r, c, text)?;
                }
            }
        }
    }
    sheet.set_column_width(1, 36)?;
    sheet.set_column_range_width(5, 7, 20)?;
    book.save(&out)?;
    Ok(())
}
