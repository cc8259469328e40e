//! Command-line arguments (clap derive only; no behaviour here).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "itos",
    version,
    about = "Compliance toolkit for IT-outsourcing engagements",
    long_about = "itos checks an outsourcing engagement's records (YAML in a git repository) against the \
rules of the outsourcing service manual and prints findings, reports and gap lists.\n\n\
Exit codes: 0 no error findings; 1 findings that fail (errors, or warnings with --deny warnings); \
2 could not run (bad arguments, itos.toml or repository)."
)]
pub struct Cli {
    /// Records repository (default: the nearest folder upwards holding itos.toml)
    #[arg(short = 'C', long = "repo", value_name = "DIR", global = true)]
    pub repo: Option<PathBuf>,

    /// Evaluate time-dependent duties at the end of this day (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", global = true)]
    pub as_of: Option<String>,

    /// Run with this itos.toml (e.g. the customer's own policy) instead of the repository's, whose
    /// `format` alone is still read; every output names the file and its SHA-256
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Do not use git: paths relative to the records root, no commit in reports, history rules skipped
    #[arg(long, global = true)]
    pub no_git: bool,

    /// Language of messages and headings: en or zh-CN (default: $ITOS_LANG, then itos.toml, then en)
    #[arg(long, value_name = "LANG", env = "ITOS_LANG", global = true)]
    pub lang: Option<String>,

    /// When to use colours (NO_COLOR is honoured under auto)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", global = true)]
    pub color: ColorChoice,

    /// Print findings only: no summary line
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print what was loaded and how long it took (to stderr)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every record against every enabled rule
    Validate(ValidateArgs),
    /// List the rule catalogue
    Rules(RulesArgs),
    /// Explain one rule, with a failing and a passing example
    Explain(ExplainArgs),
    /// Print the JSON Schema of a record kind (or of any record file)
    Schema(SchemaArgs),
    /// Reports: the month-end SLA report, the compliance scorecard and what falls due
    #[command(subcommand)]
    Report(ReportCommand),
    /// The exit of an engagement (manual chapter 7)
    #[command(subcommand)]
    Handover(HandoverCommand),
    /// Bring tickets in from an ITSM export (CSV or XLSX) as Incident records
    #[command(subcommand)]
    Import(ImportCommand),
    /// Check a report against the records it names: its commit is in the history of HEAD, and
    /// the same command at that commit gives the same inputs and the same figures
    Verify(VerifyArgs),
    /// Write the fingerprints of today's findings to itos-baseline.json (for `validate --baseline`)
    Baseline(BaselineArgs),
    /// Start a records repository: itos.toml, an example of every record kind, CI and editor set-up
    Init(InitArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

/// Which tickets `report sla --tickets` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TicketsChoice {
    /// Every clock decided in the month.
    All,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The report: JSON, HTML, Markdown or CSV made by `itos report sla` or `itos report monthly`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the repository in (default: the current folder)
    pub dir: Option<PathBuf>,

    /// The day these records begin, written as the Engagement's `records_from`: duties and
    /// reports due before it are not judged (YYYY-MM-DD; default: today, i.e. --as-of)
    #[arg(long, value_name = "DATE")]
    pub records_from: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Where to write (default: itos-baseline.json beside itos.toml)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read an export through a preset or a mapping file and write monthly Incident batch files
    Incidents(ImportIncidentsArgs),
    /// List the built-in presets
    Presets,
    /// Print a built-in preset as a mapping file to copy and edit
    Preset(ImportPresetArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("how").required(true).args(["preset", "mapping"])))]
pub struct ImportIncidentsArgs {
    /// The export: one file, or the parts of one export (rows are merged before grouping)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A built-in mapping (`itos import presets` lists them)
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// A mapping file (TOML; `itos import preset generic` prints a commented one)
    #[arg(long, value_name = "MAP.toml")]
    pub mapping: Option<PathBuf>,
    /// The engagement of every ticket (wins over the mapping's [target])
    #[arg(long, value_name = "ID")]
    pub engagement: Option<String>,
    /// The service of every ticket (wins over the mapping's [target])
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// The folder import owns, inside the repository (default: incidents/imported/<source name>)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing; print what would change
    #[arg(long)]
    pub dry_run: bool,
    /// Remove every earlier import file of the folder that this import does not produce, not
    /// only those within the months it covers
    #[arg(long)]
    pub replace_all: bool,
    /// Summary format
    #[arg(long, value_enum, default_value_t = ImportFormat::Human)]
    pub format: ImportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportPresetArgs {
    /// The preset's name
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum HandoverCommand {
    /// The exit checklist (退出交接清单): every item with status, due date, evidence and what is missing
    Checklist(ChecklistArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// The engagement (needed when the repository holds several and itos.toml names no default)
    #[arg(long, value_name = "ID")]
    pub engagement: Option<String>,

    #[arg(long, value_enum, default_value_t = ChecklistFormat::Table)]
    pub format: ChecklistFormat,

    /// Exit 1 while any item is pending or missing
    #[arg(long)]
    pub strict: bool,

    /// Write the checklist to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Month-end SLA report (服务级别(SLA)月度报告): availability, attainment, breaches, MTTR/MTBF, satisfaction, credits
    Sla(SlaArgs),
    /// Compliance scorecard (合规差距清单): every manual section, what is checked, what fails
    Gaps(GapsArgs),
    /// What falls due (待办与到期提醒): every dated duty, overdue first, then those due within a window
    Due(DueArgs),
    /// The service report the customer receives (月度服务报告): 17 sections for a month, a quarter or a year
    Monthly(MonthlyArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MonthlyFormat {
    /// One self-contained A4 document to print or send (contents, page breaks, inline charts)
    Html,
    /// A Word document (real headings and tables, East Asian fonts), for annotating and stamping; needs --output
    Docx,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["month", "quarter", "year"])))]
pub struct MonthlyArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// The month to report (YYYY-MM)
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// A quarter (YYYY-Qn): the months rolled up from their totals
    #[arg(long, value_name = "YYYY-Qn")]
    pub quarter: Option<String>,
    /// A year (YYYY): the months rolled up from their totals
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,

    /// The engagement to report on (required when the repository holds several, unless --output is a folder)
    #[arg(long, value_name = "ID")]
    pub engagement: Option<String>,

    /// Default: markdown to the terminal; with --output, the file's extension (.html, .docx, .md, .json)
    #[arg(long, value_enum)]
    pub format: Option<MonthlyFormat>,

    /// Write the report to FILE (atomically), or one file per engagement into an existing folder
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The formats of both reports (cli.md: `report gaps` has the same formats as `report sla`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
    Html,
}

/// What `report gaps` groups its evaluations by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GapsFramework {
    /// The outsourcing service manual's sections §1.1–§8.4
    Manual,
    /// The clauses of ISO/IEC 20000-1:2018 (4–10)
    Iso20000,
}

#[derive(Debug, Args)]
pub struct GapsArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Group the evaluations by the manual's sections or by the clauses of ISO/IEC 20000-1:2018
    #[arg(long, value_enum, default_value_t = GapsFramework::Manual)]
    pub framework: GapsFramework,

    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    Table,
    Markdown,
    Json,
    Csv,
    /// An RFC 5545 calendar: one all-day event per duty, to import or subscribe to
    Ics,
}

/// `--within`: a number of days, months or years (`report::due::Within`).
fn within(text: &str) -> Result<crate::report::due::Within, String> {
    crate::report::due::Within::parse(text).map_err(|m| m.en)
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,

    /// How far ahead to list: days, months or years, e.g. 30d, 90d, 6m, 1y (default: 30d)
    #[arg(long, value_name = "PERIOD", value_parser = within)]
    pub within: Option<crate::report::due::Within>,

    /// Only duties whose record names this person as responsible (id or name)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,

    /// Only this engagement (default: every engagement in the repository)
    #[arg(long, value_name = "ID")]
    pub engagement: Option<String>,

    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,

    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SlaArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// The month to report (YYYY-MM); its end is capped at the as-of day
    #[arg(long, value_name = "YYYY-MM", required_unless_present = "ticket")]
    pub month: Option<String>,

    /// Only this engagement (default: every engagement in the repository)
    #[arg(long, value_name = "ID")]
    pub engagement: Option<String>,

    /// Only this service
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,

    /// Trend window: this many previous months (default: the previous months of the same year)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=120))]
    pub months: Option<u32>,

    /// The ledger of one ticket instead: every working interval counted, pauses, deadline, result
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// List every clock decided in the month (ticket, priority as judged, clock, elapsed,
    /// target, met): the register a customer reconciles against its own export
    #[arg(long, value_enum, value_name = "WHICH", conflicts_with = "ticket")]
    pub tickets: Option<TicketsChoice>,

    /// Add a section comparing the ITSM tool's own SLA verdicts (x-itsm) with itos's, for the tickets decided in the month
    #[arg(long, conflicts_with = "ticket")]
    pub reconcile: bool,

    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The names of the findings formats (`output::FORMATS`), for `--format`.
fn findings_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::output::FORMATS.iter().map(|f| f.name()))
}

/// `FORMAT=FILE` of `--report`: the format's name (ASCII case ignored) and the file.
fn report_target(text: &str) -> Result<(&'static str, PathBuf), String> {
    let (format, file) =
        text.split_once('=').ok_or_else(|| format!("`{text}`: expected FORMAT=FILE, e.g. sarif=itos.sarif"))?;
    let format = crate::output::findings_format(format).ok_or_else(|| {
        let names: Vec<&str> = crate::output::FORMATS.iter().map(|f| f.name()).collect();
        let (last, rest) = names.split_last().map_or(("", &[][..]), |(l, r)| (*l, r));
        format!("`{format}`: unknown format; use {} or {last}", rest.join(", "))
    })?;
    if file.is_empty() {
        return Err(format!("`{text}`: the file name is missing"));
    }
    Ok((format.name(), PathBuf::from(file)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Read the records (and itos.toml) as they were at this git revision instead of the work tree
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// Show findings only for these files or folders (all records are still loaded)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    #[arg(long, default_value = "human", value_parser = findings_formats())]
    pub format: String,

    /// Write the output to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Show only findings in files changed since this git revision (committed, staged,
    /// unstaged, untracked), and findings caused by records of those files
    #[arg(long, value_name = "REV", conflicts_with = "at")]
    pub changed_since: Option<String>,

    /// Also write FORMAT to FILE (repeatable), e.g. `--report sarif=itos.sarif --report junit=itos.xml`
    #[arg(long = "report", value_name = "FORMAT=FILE", value_parser = report_target)]
    pub reports: Vec<(&'static str, PathBuf)>,

    /// Show only findings not in this baseline (written by `itos baseline`)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Also fail (exit 1) on warnings
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,

    /// Run only this rule (repeatable); loading errors are always reported
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,

    /// Do not run this rule (repeatable)
    #[arg(long = "skip", value_name = "ID")]
    pub skip: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. GEN-003
    pub id: String,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// A record kind (e.g. Change), or `findings` for validate's JSON output; all kinds when omitted
    pub kind: Option<String>,
}
