//! Text for the two elements whose content the HTML parser reads as text up to their own
//! closing tag (RCDATA): `<title>` and `<textarea>`. Two of our dependencies write that
//! text as it is, so a stored `</title><form …>` or `</textarea><b>` became markup:
//!
//! - leptos_meta 0.8.7 pushes the `<Title>` text, after the formatter, into the head
//!   unescaped (`lib.rs`, `inject_meta_context`: `buf.push_str(&title)`);
//! - tachys 0.2.19 gives `<textarea>` (like `<script>`, `<style>` and `<noscript>`)
//!   `ESCAPE_CHILDREN = false` (`html/element/elements.rs`), so its text children are
//!   written raw. We never put text of anyone's into the other three.
//!
//! Everything else they write is escaped: text children of other elements
//! (`html_escape::encode_text`) and attribute values, `<Meta content>` included
//! (`encode_double_quoted_attribute`). So every page title goes through the shell's
//! title formatter and every textarea through `components::form`, both calling
//! [`escape`]. When an upgrade escapes these itself, the hostile-text test
//! (`server/tests/hostile_text.rs`) fails on text that no longer reads back intact
//! (escaped twice): then remove this module.

use std::borrow::Cow;

/// `text` as it must be written inside `<title>` or `<textarea>` to read back as the
/// same text: `&` and `<` as character references (`>` and quotes mean nothing there).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<']) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn closing_tags_and_comment_openers_become_references() {
        assert_eq!(
            escape("</title></textarea><!--<b id=probe>"),
            "&lt;/title>&lt;/textarea>&lt;!--&lt;b id=probe>"
        );
    }

    #[test]
    fn ampersands_are_escaped_so_a_reference_reads_back_as_typed() {
        assert_eq!(escape("R&D &amp; more"), "R&amp;D &amp;amp; more");
    }

    #[test]
    fn plain_text_is_not_copied() {
        assert!(matches!(
            escape("数据标注 > 10 \"q\""),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
