//! ServicePlan (§2.2): the approved service plan and its resources (服务计划与资源规划).

use super::survey::Period;
use super::{Kind, RecordKind, Ref, Target};
use crate::model::Sp;
use crate::model::scalar::{Date, RelPath};

crate::object! {
    /// A service plan approved by the customer (服务计划).
    pub struct ServicePlan {
        id: req String,
        engagement: opt String,
        /// The days the plan covers.
        period: req Period,
        /// The service objectives (服务目标).
        objectives: req_list String,
        /// Who approved it for the customer (person field).
        approved_by: req String,
        /// The customer's approval.
        approved_at: req Date,
        services: list String,
        /// Resource allocation and staffing (资源配置、人员安排).
        resources: req_list PlanResource,
        milestones: list Milestone,
        /// The training plan (培训计划).
        training_plan: list PlannedTraining,
        /// The risk assessment behind the plan (RiskAssessment id).
        risk_assessment: opt String,
        document: opt RelPath,
    }
}

crate::object! {
    /// A role staffed for the plan.
    pub struct PlanResource {
        role: req String,
        /// Person ids.
        persons: list String,
        count: opt u32,
    }
}

crate::object! {
    /// A milestone of the plan (PLN-002).
    pub struct Milestone {
        title: req String,
        due: req Date,
        done_at: opt Date,
    }
}

crate::object! {
    /// A planned training (PLN-002).
    pub struct PlannedTraining {
        topic: req String,
        due: req Date,
        /// The Training that delivered it.
        training: opt String,
    }
}

impl ServicePlan {
    /// Whether the plan's period covers `day`.
    pub fn covers(&self, day: jiff::civil::Date) -> bool {
        self.period.from.value <= day && day <= self.period.to.value
    }
}

impl RecordKind for ServicePlan {
    const KIND: Kind = Kind::ServicePlan;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        out.push(Ref::new("approved_by", Target::PersonOrText, &self.approved_by));
        out.extend(self.services.iter().map(|s| Ref::new("services", Target::Service, s)));
        for r in self.resources.iter() {
            out.extend(r.persons.iter().map(|p| Ref::new("resources[].persons", Target::Record(Kind::Person), p)));
        }
        for t in self.training_plan.iter() {
            out.extend(t.training.iter().map(|id| Ref::new("training_plan[].training", Target::Record(Kind::Training), id)));
        }
        out.extend(self.risk_assessment.iter().map(|r| Ref::new("risk_assessment", Target::Record(Kind::RiskAssessment), r)));
    }
    fn paths<'r>(&'r self, out: &mut Vec<super::FileRef<'r>>) {
        out.extend(self.document.as_ref().map(|value| super::FileRef { field: "document", value }));
    }
}
