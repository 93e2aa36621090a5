//! Reading YAML front matter: the `key: value` lines folio's clean copies carry (written by
//! `export::markdown`, every value a double-quoted scalar) and the few other Markdown files
//! commonly carry. One reader for every use: the Markdown parser's metadata and the save
//! folder's list of copies.

/// The front matter at the top of `text` (between a first line `---` and the next `---`), as
/// `fields` reads it; nothing when the text does not open with one.
pub fn at_top(text: &str) -> Vec<(String, String)> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Vec::new();
    }
    let block: Vec<&str> = lines.take_while(|l| l.trim_end() != "---").collect();
    fields(&block.join("\n"))
}

/// The `key: value` lines of a front-matter block (without its `---` markers), keys trimmed,
/// values unquoted; a line without a colon, or with no value, is skipped.
pub fn fields(block: &str) -> Vec<(String, String)> {
    block
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            let value = unquote(value.trim());
            (!value.is_empty()).then(|| (key.trim().to_string(), value))
        })
        .collect()
}

/// A YAML scalar read back: double-quoted with its escapes (`\"`, `\\`, `\n`, `\t`, as
/// `export::markdown::yaml_quote` writes them), single-quoted (`''` for a quote), or plain.
pub fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_read_back_with_their_escapes() {
        assert_eq!(unquote(r#""a \"b\" \\ c\nd\te""#), "a \"b\" \\ c\nd\te");
        assert_eq!(unquote("'it''s'"), "it's");
        assert_eq!(unquote("plain: value"), "plain: value");
    }

    #[test]
    fn the_block_at_the_top_is_read_and_nothing_else() {
        let text = "---\ntitle: \"A: B\"\nurl: https://example.com/x\nempty:\nno colon\n---\nsite: \"not me\"\n";
        assert_eq!(
            at_top(text),
            [("title".to_string(), "A: B".to_string()), ("url".to_string(), "https://example.com/x".to_string())]
        );
        assert!(at_top("# A heading\n---\ntitle: x\n---\n").is_empty());
    }
}
