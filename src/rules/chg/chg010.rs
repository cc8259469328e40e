//! CHG-010: a change record is kept for the retention period.

use crate::model::{Kind, Severity};
use crate::rules::git::report_deletions;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg010;

static META: Meta = Meta {
    id: "CHG-010",
    severity: Severity::Error,
    section: "§6.5",
    title_en: "A change record is kept for the retention period",
    title_zh: "变更记录须在保存期内保留",
    explanation_en: "Change records are archived for audit (§6.5): deleting one from the repository less than `retention_years` (5 by default) after its `closed_at` is reported with the deleting commit, its author and date; a change deleted before it was ever closed is reported too. Renaming or moving the file is not a deletion. Needs git history; skipped with a note under `--no-git` or outside a git repository.",
    explanation_zh: "变更记录须归档备查(§6.5):在 `closed_at` 后不满 `retention_years`(默认 5 年)即从仓库删除的,会报告删除它的提交、作者和日期;尚未关闭即被删除的变更同样报告。重命名或移动文件不属于删除。需要 git 历史;使用 `--no-git` 或不在 git 仓库中时跳过并提示。",
    failing: "# commit 2026-09-20 CHG-2026-041 closed\n# file changes/CHG-2026-041.yaml\nkind: Change\nid: CHG-2026-041\ntitle: 存储多路径软件升级\ndescription: 升级至 7.4\nclass: standard\nrequested_by: 赵敏\nrequested_at: 2026-09-10T10:00:00+08:00\nimpact: {services: [helpdesk], expected: 无影响}\nrisk: {likelihood: 1, impact: 1, level: low}\nrollback_plan: 回退至 7.2\nstatus: closed\nclosed_at: 2026-09-20T18:00:00+08:00\n# commit 2026-10-08 tidy up old changes\n# delete changes/CHG-2026-041.yaml\n",
    passing: "# commit 2026-09-20 CHG-2026-041 closed\n# file changes/CHG-2026-041.yaml\nkind: Change\nid: CHG-2026-041\ntitle: 存储多路径软件升级\ndescription: 升级至 7.4\nclass: standard\nrequested_by: 赵敏\nrequested_at: 2026-09-10T10:00:00+08:00\nimpact: {services: [helpdesk], expected: 无影响}\nrisk: {likelihood: 1, impact: 1, level: low}\nrollback_plan: 回退至 7.2\nstatus: closed\nclosed_at: 2026-09-20T18:00:00+08:00\n# commit 2026-10-08 changes filed by year\n# delete changes/CHG-2026-041.yaml\n# file changes/2026/CHG-2026-041.yaml\nkind: Change\nid: CHG-2026-041\ntitle: 存储多路径软件升级\ndescription: 升级至 7.4\nclass: standard\nrequested_by: 赵敏\nrequested_at: 2026-09-10T10:00:00+08:00\nimpact: {services: [helpdesk], expected: 无影响}\nrisk: {likelihood: 1, impact: 1, level: low}\nrollback_plan: 回退至 7.2\nstatus: closed\nclosed_at: 2026-09-20T18:00:00+08:00\n",
    params: &["retention_years"],
    configurable: true,
    stage: Stage::History,
};

impl Rule for Chg010 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        report_deletions(cx, out, &[Kind::Change]);
    }
}
