//! Service-level agreements (§1.2, §1.3, §2.1, §5.1).

use super::Rule;

pub const RULES: &[&dyn Rule] = &[];
