//! Helpers shared by the contract rules.

use crate::model::Sp;

/// A text field that is present but says nothing.
pub(super) fn blank(text: &Sp<String>) -> bool {
    text.value.trim().is_empty()
}
