//! Engagement (§1.1, §1.4, §7.1, §8.2): the contract.

use super::{Kind, RecordKind, Ref, Target};
use crate::model::scalar::{Currency, Date, Decimal, Percent, Tz};
use crate::model::Sp;

crate::object! {
    /// The contract of one outsourcing engagement (§1.1, §1.4, §7.1, §8.2).
    pub struct Engagement {
        id: req String,
        title: req String,
        contract_no: opt String,
        customer: req Party,
        provider: req Party,
        /// IANA time zone; default Asia/Shanghai.
        timezone: opt Tz,
        /// Working calendar for policy durations counted in working days; default cn-workdays.
        calendar: opt String,
        term: req Term,
        /// The day this repository starts holding the engagement's records (adopting itos mid-contract); duties and reports due before it are not judged and the SLA trend starts there (default: `term.start`).
        records_from: opt Date,
        /// How often a ServiceReport is due (RPT-001): calendar months, quarters (Jan–Mar …) or years; default monthly.
        report_frequency: opt ReportFrequency,
        scope: req_list ScopeItem,
        fees: req Fees,
        termination: req Termination,
        liability: req Liability,
        support: req Support,
        service_credits: opt ServiceCredits,
        post_termination_support_days: opt u32,
        provider_qualifications: list Qualification,
        governing_law: opt String,
        dispute_resolution: opt String,
    }
}

crate::object! {
    /// A contracting party.
    pub struct Party {
        name: req String,
        contact: opt String,
    }
}

crate::object! {
    /// The contract term; a non-empty `renewal` counts as a renewal decision.
    pub struct Term {
        start: req Date,
        end: req Date,
        renewal: opt String,
    }
}

crate::object! {
    /// One service in scope.
    pub struct ScopeItem {
        service: req String,
        description: req String,
        deliverables: req_list String,
        delivery: opt String,
    }
}

crate::enumeration! {
    pub enum ReportFrequency { Monthly = "monthly", Quarterly = "quarterly", Yearly = "yearly" }
}

crate::enumeration! {
    pub enum FeePeriod { Monthly = "monthly", Quarterly = "quarterly", Yearly = "yearly", OneOff = "one-off" }
}

crate::object! {
    pub struct Fees {
        amount: req Decimal,
        currency: req Currency,
        period: req FeePeriod,
        payment_terms: req String,
        method: opt String,
    }
}

crate::enumeration! {
    /// Conditions under which the contract may end (§7.1).
    pub enum TerminationCondition {
        ContractExpiry = "contract-expiry",
        MutualAgreement = "mutual-agreement",
        ForceMajeure = "force-majeure",
        ProviderBreach = "provider-breach",
        CustomerBreach = "customer-breach",
        CustomerChange = "customer-change",
        ProviderInitiated = "provider-initiated",
    }
}

crate::object! {
    pub struct Termination {
        notice_days: req u32,
        conditions: req_list TerminationCondition,
    }
}

crate::object! {
    pub struct Liability {
        service_interruption: req String,
        data_loss: req String,
        system_failure: req String,
        cap: opt String,
    }
}

crate::object! {
    pub struct Support {
        response: req String,
        problem_process: req String,
        maintenance_cycle: req String,
    }
}

crate::enumeration! {
    pub enum CreditMetric {
        Availability = "availability",
        ResponseAttainment = "response-attainment",
        ResolutionAttainment = "resolution-attainment",
        Satisfaction = "satisfaction",
    }
}

crate::object! {
    pub struct ServiceCredits {
        /// Cap on credits as a percentage of the month's fee; default 100.
        cap_percent: opt Percent,
        tiers: list CreditTier,
    }
}

crate::object! {
    /// A credit owed when a metric falls below a value; without `service`, for every service.
    pub struct CreditTier {
        service: opt String,
        metric: req CreditMetric,
        below: req Decimal,
        credit_percent: req Percent,
    }
}

crate::object! {
    /// A provider qualification such as ITSS level 2 or ISO/IEC 20000-1.
    pub struct Qualification {
        name: req String,
        expires: opt Date,
    }
}

impl Engagement {
    pub fn service_ids(&self) -> impl Iterator<Item = &Sp<String>> {
        self.scope.iter().map(|s| &s.service)
    }

    pub fn has_service(&self, id: &str) -> bool {
        self.scope.iter().any(|s| s.service.value == id)
    }

    /// The day the engagement's records begin: the later of `term.start` and `records_from`
    /// (revision 2, decision 8). Periodic duties start no earlier, and nothing due before it
    /// is judged.
    pub fn records_start(&self) -> jiff::civil::Date {
        let start = self.term.start.value;
        self.records_from.as_ref().map_or(start, |r| r.value.max(start))
    }

    /// How often a service report is due (`monthly` when omitted).
    pub fn report_frequency(&self) -> ReportFrequency {
        self.report_frequency.as_ref().map_or(ReportFrequency::Monthly, |f| f.value)
    }

    pub fn timezone_name(&self) -> &str {
        self.timezone.as_ref().map_or(crate::model::scalar::DEFAULT_TIMEZONE, |t| t.name.as_str())
    }

    pub fn tz(&self) -> jiff::tz::TimeZone {
        self.timezone
            .as_ref()
            .map_or_else(crate::model::scalar::default_tz, |t| t.zone.clone())
    }
}

impl RecordKind for Engagement {
    const KIND: Kind = Kind::Engagement;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        Some(&self.id)
    }
    fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
        if let Some(c) = &self.calendar {
            out.push(Ref::new("calendar", Target::Calendar, c));
        }
        if let Some(credits) = &self.service_credits {
            for tier in &credits.tiers {
                if let Some(s) = &tier.service {
                    out.push(Ref::new("service_credits.tiers[].service", Target::Service, s));
                }
            }
        }
    }
}
