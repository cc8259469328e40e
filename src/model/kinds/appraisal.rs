//! Appraisal (§4.2 绩效考核): a person's performance appraisal.

use super::survey::Period;
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, Decimal};

crate::enumeration! {
    pub enum AppraisalResult {
        Excellent = "excellent", Good = "good", Satisfactory = "satisfactory",
        NeedsImprovement = "needs-improvement", Unsatisfactory = "unsatisfactory"
    }
}

crate::object! {
    /// A performance appraisal (绩效考核); its engagement is its person's.
    pub struct Appraisal {
        id: req String,
        /// Person id.
        person: req String,
        /// The period appraised.
        period: req Period,
        performed_at: req Date,
        /// Person field.
        reviewer: req String,
        result: req AppraisalResult,
        /// E.g. task completion, customer satisfaction, professional conduct (任务完成、客户满意度、职业行为).
        criteria: list Criterion,
        /// When the result was given back to the person (考核结果反馈, APR-001).
        feedback_given_at: opt Date,
        /// Required for needs-improvement or unsatisfactory (APR-002).
        improvement_plan: opt String,
    }
}

crate::object! {
    /// One appraisal criterion.
    pub struct Criterion {
        name: req String,
        score: opt Decimal,
        note: opt String,
    }
}

impl Appraisal {
    /// Needs-improvement or unsatisfactory: an improvement plan is due (APR-002).
    pub fn needs_plan(&self) -> bool {
        matches!(self.result.value, AppraisalResult::NeedsImprovement | AppraisalResult::Unsatisfactory)
    }
}

impl RecordKind for Appraisal {
    const KIND: Kind = Kind::Appraisal;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn parent(&self) -> Option<(Kind, &Sp<String>)> {
        Some((Kind::Person, &self.person))
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("person", Target::Record(Kind::Person), &self.person));
        out.push(Ref::new("reviewer", Target::PersonOrText, &self.reviewer));
    }
}
