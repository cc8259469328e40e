//! HND-003: Exit evidence exists inside the repository.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_003,
    severity: Severity::Error,
    section: "§7.2",
    title_en: "Exit evidence exists inside the repository",
    title_zh: "退出佐证材料须保存在仓库内",
    explanation_en: "What was handed over is proven by files kept with the records (§7.2: the handover must be traceable). Every `evidence` path of a deliverable, the `notice_evidence` and the data `certificate` must name a file or folder that exists in the repository. A path reaching outside it through a symbolic link is refused and never followed. (Paths with `..` or absolute paths are already rejected when the record is read.)",
    explanation_zh: "交接了什么，以随记录保存的文件为证（§7.2：交接过程须可追溯）。交付物的每个佐证材料路径 `evidence`、终止通知证明 `notice_evidence` 和数据处置证明 `certificate`，都须指向仓库中存在的文件或目录。经符号链接指向仓库之外的路径一律拒绝，也不会读取。（含 `..` 的路径和绝对路径，在读取记录时即已拒绝。）",
    failing: include_str!("../../../fixtures/HND-003.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-003.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd003, META);
