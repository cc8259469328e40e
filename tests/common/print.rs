//! Printing reports to PDF with the tools `.ci/run` installs (LibreOffice, Chromium,
//! poppler-utils) and checking the PDF: shared by the renderer tests and the report tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use itos::output::doc::{Block, Doc};

/// Every heading of `doc`, in order.
pub fn headings(doc: &Doc) -> Vec<&str> {
    doc.blocks.iter().filter_map(|b| if let Block::Heading(_, h) = b { Some(h.as_str()) } else { None }).collect()
}

/// The first of `names` on PATH.
pub fn tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn pdf_text(pdf: &Path, mode: &str) -> String {
    run(Command::new("pdftotext").args([mode, "-enc", "UTF-8"]).arg(pdf).arg("-"))
}

pub fn squash(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every heading on a line of the PDF text, and every table cell somewhere in it.
pub fn check_pdf(doc: &Doc, pdf: &Path, cells: bool) {
    let layout = pdf_text(pdf, "-layout");
    for h in headings(doc) {
        assert!(layout.contains(h), "heading {h:?} missing from {}:\n{layout}", pdf.display());
    }
    let info = run(Command::new("pdfinfo").arg(pdf));
    // "Page size:      594.96 x 841.92 pts (A4)": A4 is 595.3 × 841.9 points.
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap_or("");
    let dims: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert!(matches!(dims[..], [w, h] if (w - 595.3_f64).abs() < 2.0 && (h - 841.9_f64).abs() < 2.0), "not A4: {size}");
    if cells {
        let raw = squash(&pdf_text(pdf, "-raw"));
        for block in &doc.blocks {
            if let Block::Table(t) = block {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    assert!(
                        raw.contains(&squash(c)),
                        "cell {c:?} missing from {} (clipped table?):\n{raw}",
                        pdf.display()
                    );
                }
            }
        }
    }
}

pub fn screenshots(pdf: &Path, name: &str) {
    let Some(dir) = std::env::var_os("ITOS_SCREENSHOTS") else { return };
    std::fs::create_dir_all(&dir).unwrap();
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
        .arg(pdf)
        .arg(Path::new(&dir).join(name)));
}

/// Convert Word files to PDF next to them, with a profile of its own (tests running at the
/// same time do not share LibreOffice's lock).
pub fn docx_to_pdf(soffice: &Path, files: &[PathBuf], dir: &Path) {
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    run(Command::new("timeout")
        .arg("120")
        .arg(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files));
}

/// Print an HTML file to PDF in headless Chromium, without header or footer.
pub fn html_to_pdf(chromium: &Path, html: &Path, pdf: &Path, dir: &Path) {
    run(Command::new("timeout")
        .arg("60")
        .arg(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf-no-header"])
        .arg(format!("--user-data-dir={}", dir.join("chromium").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html));
}
