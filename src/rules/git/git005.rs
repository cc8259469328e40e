//! GIT-005: the customer's decisions come from the customer (assurance.md, `[trust]`).

use crate::load::HistoryState;
use crate::load::trust::Problem;
use crate::model::Severity;
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Git005;

static META: Meta = Meta {
    id: "GIT-005",
    severity: Severity::Error,
    section: "§1.4, §6.5",
    title_en: "The customer's decisions are signed by the customer",
    title_zh: "客户决定须由客户签名提交",
    explanation_en: "Anyone with write access can type `party: customer` into an approval. With \
`[trust] customer_signers` in itos.toml (the customer's SSH public keys), every approval with \
`party: customer`, every risk accepted by the customer, every Waiver's and Subcontractor's \
`customer_approval` and every Amendment must have entered the history in a commit signed with \
one of those keys (git's SSH signing: `git config gpg.format ssh`, `git commit -S`). A decision \
first committed unsigned, signed by another key, or not committed at all is reported with the \
commit and its signer. A decision changed later is a new decision and needs a new signed commit. \
Without `[trust]` the rule has nothing to check and reports say that customer approvals are not \
authenticated. Needs git history.",
    explanation_zh: "任何有写权限的人都可以在审批中写上 `party: customer`。在 itos.toml 中配置 \
`[trust] customer_signers`（客户的 SSH 公钥）后，每一条 `party: customer` 的审批、客户接受的风险、例外审批\
和分包商的 `customer_approval` 以及每一份合同变更（`Amendment`），都必须由使用上述密钥签名的提交引入 Git \
历史（Git 的 SSH 签名：`git config gpg.format ssh`、`git commit -S`）。首次提交时未签名、由其他密钥签名或尚未\
提交的决定，予以报告并指明提交及签名人。决定此后被修改的，视为新的决定，须重新签名提交。未配置 \
`[trust]` 时本规则无可检查内容，报告将注明客户审批未经认证。本规则需要 Git 历史。",
    failing: include_str!("../../../fixtures/GIT-005.failing.yaml"),
    passing: include_str!("../../../fixtures/GIT-005.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Git005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let HistoryState::Read(_) = &cx.repo.history else { return };
        if cx.repo.config.trust.is_none() {
            return;
        }
        out.checked();
        for u in &cx.repo.unauthenticated {
            let (kind, id, kind_zh) = (u.kind, u.id.as_str(), u.kind.zh());
            let message = match &u.problem {
                Problem::Uncommitted => msg!(
                    "a customer decision in {kind} {id} is not committed yet, so no customer signed it",
                    "{kind_zh} {id} 中的客户决定尚未提交，因而没有客户签名"
                ),
                Problem::Unsigned(c) => {
                    let (short, author, date) = (c.short(), c.author.as_str(), c.date());
                    msg!(
                        "a customer decision in {kind} {id} was introduced by commit {short} by {author} on {date}, which is unsigned",
                        "{kind_zh} {id} 中的客户决定由 {author} 于 {date} 的提交 {short} 引入，该提交未签名"
                    )
                }
                Problem::Untrusted(c, signer) => {
                    let (short, author, date) = (c.short(), c.author.as_str(), c.date());
                    msg!(
                        "a customer decision in {kind} {id} was introduced by commit {short} by {author} on {date}, signed by {signer}, not a key of [trust] customer_signers",
                        "{kind_zh} {id} 中的客户决定由 {author} 于 {date} 的提交 {short} 引入，签名为 {signer}，不在 `[trust] customer_signers` 之列"
                    )
                }
            };
            out.report(u.span, message).record(kind, id).help = Some(msg!(
                "the customer commits its decisions itself, signed with its key (`git commit -S`)",
                "客户决定应由客户使用其密钥签名提交（`git commit -S`）"
            ));
        }
    }
}
