//! The built-in mappings (import.md "Built-in presets"): mapping files compiled into the
//! binary, printed by `itos import preset NAME` for a user to copy and edit.

/// (name, what it reads, the mapping file's text).
pub const PRESETS: &[(&str, &str, &str)] = &[
    (
        "servicenow",
        "ServiceNow incident list export (CSV, one row per ticket)",
        include_str!("presets/servicenow.toml"),
    ),
    (
        "servicenow-events",
        "ServiceNow incident audit / event log (CSV, one row per update)",
        include_str!("presets/servicenow-events.toml"),
    ),
    ("jira-sm", "Jira Service Management CSV export (all fields)", include_str!("presets/jira-sm.toml")),
    ("zammad", "Zammad ticket report (XLSX)", include_str!("presets/zammad.toml")),
    ("generic", "A commented template of every key, for any other tool", include_str!("presets/generic.toml")),
];

pub fn get(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _, _)| *n == name).map(|(_, _, text)| *text)
}
