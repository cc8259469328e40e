//! `itos report gaps`: the compliance scorecard.

use super::args::{GapsArgs, ReportFormat};
use super::validate::{as_of_date, loaded};
use super::{Cli, Exit, Fatal, emit};
use crate::output::gaps;
use crate::report::gaps::build;
use crate::rules::{self, Settings};

pub fn gaps(cli: &Cli, args: &GapsArgs) -> Result<Exit, Fatal> {
    let (repo, ui) = loaded(cli)?;
    let settings = Settings::new(&repo.config, &[], &[])?;
    let as_of = as_of_date(cli.as_of.as_deref(), &repo)?;
    let card = build(rules::run(&repo, &settings, as_of));
    let ids: Vec<&str> = repo.records.engagements.iter().map(|e| e.id.value.as_str()).collect();
    let scope = if ids.is_empty() { repo.root.display().to_string() } else { ids.join(", ") };
    let as_of = as_of.to_string();
    let text = match args.format {
        ReportFormat::Table => gaps::table(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Markdown => gaps::markdown(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Json => gaps::json(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Csv => gaps::csv(&card, ui.lang),
    };
    emit(&text, args.output.as_deref())?;
    // A report that was produced exits 0: gaps in it are content, not failure.
    Ok(Exit::Clean)
}
