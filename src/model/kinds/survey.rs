//! Survey (§5.3): a customer-satisfaction survey and its responses.

use super::{Kind, RecordKind};
use crate::model::Sp;
use crate::model::scalar::{Date, Likert};

crate::object! {
    /// A customer-satisfaction survey (满意度调查).
    pub struct Survey {
        id: req String,
        engagement: opt String,
        period: req Period,
        invited: opt u32,
        responses: req_list SurveyResponse,
    }
}

crate::object! {
    /// A period from one date to another, both included.
    pub struct Period {
        from: req Date,
        to: req Date,
    }
}

crate::object! {
    /// One respondent's answers.
    pub struct SurveyResponse {
        respondent: opt String,
        department: opt String,
        scores: req Scores,
        comment: opt String,
    }
}

crate::object! {
    /// Scores 1–5 per dimension; at least one must be given.
    #[check(Scores::check)]
    pub struct Scores {
        response_speed: opt Likert,
        quality: opt Likert,
        reliability: opt Likert,
        cost: opt Likert,
        security: opt Likert,
    }
}

impl Scores {
    /// The given scores with their dimension names, in declaration order.
    pub fn given(&self) -> impl Iterator<Item = (&'static str, &Sp<Likert>)> {
        [
            ("response_speed", &self.response_speed),
            ("quality", &self.quality),
            ("reliability", &self.reliability),
            ("cost", &self.cost),
            ("security", &self.security),
        ]
        .into_iter()
        .filter_map(|(name, s)| s.as_ref().map(|s| (name, s)))
    }

    pub fn is_empty(&self) -> bool {
        self.given().next().is_none()
    }

    fn check(&self, d: &mut crate::model::decode::Decoder) -> bool {
        if self.is_empty() {
            let (dims, path) = (Scores::FIELDS.join(", "), d.path_string());
            d.error(
                self.anchor,
                crate::msg!("`{path}` gives no score; give at least one of {dims}", "`{path}` 未给出任何评分；请至少填写以下之一：{dims}"),
                None,
            );
            return false;
        }
        true
    }
}

impl Period {
    pub fn contains(&self, day: Date) -> bool {
        self.from.value <= day && day <= self.to.value
    }
}

impl RecordKind for Survey {
    const KIND: Kind = Kind::Survey;
    fn id(&self) -> &Sp<String> {
        &self.id
    }
    fn engagement(&self) -> Option<&Sp<String>> {
        self.engagement.as_ref()
    }
}
