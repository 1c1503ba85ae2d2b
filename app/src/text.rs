//! Rules for free text that one person types and others read.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::error::Reason;

/// Whether `text` holds characters a reader cannot see: control characters (Cc) and
/// format characters (Cf), among them the bidirectional overrides that make a name read
/// backwards (U+202E) and the zero-width characters that make two names look the same.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || c.general_category() == GeneralCategory::Format)
}

/// One line of text others read (a name, a title): trimmed, required, at most `max`
/// characters, nothing hidden.
pub fn line(raw: &str, max: u32) -> Result<String, Reason> {
    optional_line(raw, max)?.ok_or(Reason::Required)
}

/// [`line`], where blank means "not given".
pub fn optional_line(raw: &str, max: u32) -> Result<Option<String>, Reason> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    check_length(trimmed, max)?;
    if has_hidden_characters(trimmed) {
        return Err(Reason::HiddenCharacters);
    }
    Ok(Some(trimmed.to_owned()))
}

/// Paragraphs others read (a description): trimmed, at most `max` characters, line
/// breaks and tabs kept, nothing else hidden. Blank is the empty string.
pub fn paragraphs(raw: &str, max: u32) -> Result<String, Reason> {
    let text = raw.trim().replace("\r\n", "\n");
    check_length(&text, max)?;
    if has_hidden_characters(&text.replace(['\n', '\t'], " ")) {
        return Err(Reason::HiddenCharacters);
    }
    Ok(text)
}

/// A URL slug from a title or name: lower-case ASCII letters and digits joined by single
/// hyphens, at most `max` bytes, cut at a word. Chinese and other scripts leave nothing
/// (the caller falls back to a short id): titles are bilingual, so the English one gives
/// the slug, and it is never transliterated by guesswork.
pub fn slugify(text: &str, max: usize) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = usize::from(!slug.is_empty()) + word.len();
        if slug.len() + extra > max {
            if slug.is_empty() {
                slug.extend(word.chars().take(max).map(|c| c.to_ascii_lowercase()));
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    slug
}

fn check_length(text: &str, max: u32) -> Result<(), Reason> {
    if text.chars().count() > max as usize {
        Err(Reason::TooLong { max })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_in_any_script_passes() {
        for text in ["Li Wei", "数据商 · 上海", "Zoë Ōsaka", "محمد", "🚀 Rocket"] {
            assert!(!has_hidden_characters(text), "{text}");
        }
    }

    #[test]
    fn control_bidi_and_zero_width_characters_are_hidden() {
        for text in [
            "tab\there",
            "evil\u{202E}gnp.exe",
            "a\u{2066}b",
            "zero\u{200B}width",
            "join\u{200D}er",
            "\u{FEFF}bom",
            "soft\u{00AD}hyphen",
            "tag\u{E0041}",
        ] {
            assert!(has_hidden_characters(text), "{text:?}");
        }
    }

    #[test]
    fn lines_are_trimmed_bounded_and_visible() {
        assert_eq!(line("  数据 ", 10), Ok("数据".to_owned()));
        assert_eq!(line("   ", 10), Err(Reason::Required));
        assert_eq!(optional_line(" ", 10), Ok(None));
        assert_eq!(line("数据数据数", 4), Err(Reason::TooLong { max: 4 }));
        assert_eq!(line("a\u{200B}b", 10), Err(Reason::HiddenCharacters));
    }

    #[test]
    fn paragraphs_keep_their_breaks_but_nothing_hidden() {
        assert_eq!(
            paragraphs(" one\r\ntwo\tthree ", 50),
            Ok("one\ntwo\tthree".to_owned())
        );
        assert_eq!(paragraphs("", 50), Ok(String::new()));
        assert_eq!(paragraphs("a\u{202E}b", 50), Err(Reason::HiddenCharacters));
        assert_eq!(paragraphs("abc", 2), Err(Reason::TooLong { max: 2 }));
    }

    #[test]
    fn slugs_keep_ascii_words_and_drop_other_scripts() {
        assert_eq!(
            slugify("Steel Surface-Defect Images (2024)!", 60),
            "steel-surface-defect-images-2024"
        );
        assert_eq!(slugify("钢材表面缺陷图像", 60), "");
        assert_eq!(slugify("AI 标注 Service", 60), "ai-service");
        assert_eq!(slugify("one two three", 9), "one-two");
        assert_eq!(slugify("abcdefghijkl", 5), "abcde");
    }
}
