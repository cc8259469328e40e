//! Texts in every supported language (English and Simplified Chinese): a leaf module that
//! the decoder, scalars, record kinds and findings all use, and that uses nothing itself.

/// Output languages. Record field names and enumerations stay English in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

/// A text in English and Simplified Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Msg { en: en.into(), zh: zh.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}

/// `msg!("en {x}", "中文 {x}")`: both texts formatted with the same arguments in scope.
macro_rules! msg {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::model::Msg { en: format!($en), zh: format!($zh) }
    };
}
pub(crate) use msg;
