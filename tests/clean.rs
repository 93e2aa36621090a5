//! The clean Markdown copy: golden files of the bundled samples, the seed's story kept whole
//! with its boilerplate left out, and front matter that stays valid YAML.

mod common;

use common::{asset, folio, shared};

/// `folio clean`, with the saved-at time replaced so that the output is stable, and the
/// checkout's folder (`source:` is an absolute path) written as `(checkout)`.
fn clean(path: &std::path::Path) -> String {
    let out = folio().current_dir(env!("CARGO_MANIFEST_DIR")).arg("clean").arg(path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap().replace(env!("CARGO_MANIFEST_DIR"), "(checkout)");
    let saved = regex::Regex::new(r#"(?m)^saved: "[^"]+"$"#).unwrap();
    saved.replace(&text, "saved: \"(time of saving)\"").into_owned()
}

#[test]
fn clean_copy_of_the_text_sample() {
    insta::assert_snapshot!(clean(std::path::Path::new("assets/samples/harbour-heat-pumps.txt")));
}

#[test]
fn clean_copy_of_the_markdown_sample() {
    insta::assert_snapshot!(clean(std::path::Path::new("assets/samples/field-notes.md")));
}

#[test]
fn cleaning_a_clean_copy_changes_nothing_but_the_time() {
    for sample in ["samples/harbour-heat-pumps.txt", "samples/field-notes.md"] {
        let once = clean(&asset(sample));
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.md");
        std::fs::write(&copy, &once).unwrap();
        assert_eq!(clean(&copy), once, "{sample}");
    }
}

#[test]
fn seed_clean_copy_keeps_the_story_and_drops_the_clutter() {
    let Some(page) = shared("corpus/seed/btcc-buterin.txt") else { return };
    let Some(labels) = shared("corpus/seed/btcc-buterin.labels.tsv") else { return };
    let source = std::fs::read_to_string(&page).unwrap();
    let source_lines: Vec<&str> = source.lines().collect();
    let copy = clean(&page);
    let (front, body) = copy.trim_start_matches("---\n").split_once("\n---\n").expect("front matter");
    assert!(front.contains("title: \"Vitalik Buterin Dismisses"), "{front}");
    assert!(front.contains("published: \"2025-12-17T17:44:46\""), "{front}");

    let body_paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let headings = body_paragraphs.iter().filter(|p| p.starts_with("## ")).count();
    assert_eq!(headings, 4, "{body}");
    assert_eq!(body_paragraphs.len() - headings, 18, "{body}");

    for row in std::fs::read_to_string(labels).unwrap().lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = row.split('\t').collect();
        let line = source_lines[fields[0].parse::<usize>().unwrap() - 1].trim();
        let wanted = matches!(fields[1], "content" | "heading");
        // Compare on a stretch of plain words, free of Markdown escapes.
        let probe: String = line.chars().take_while(|c| c.is_alphanumeric() || *c == ' ').collect();
        if probe.split_whitespace().count() < 2 {
            assert!(!wanted || body.contains(line.trim()), "line {} missing", fields[0]);
            continue;
        }
        assert_eq!(body.contains(probe.trim()), wanted, "line {} ({}): {probe}", fields[0], fields[1]);
    }
}

#[test]
fn code_keeps_its_fence_language_and_html_code_is_not_repeated() {
    let (_dir, md) = common::temp_file("code.md", b"# T\n\n```rust\nfn main() {}\n```\n");
    assert!(clean(&md).contains("\n```rust\nfn main() {}\n```\n"), "{}", clean(&md));
    let page = "<html><body><article><h1>T</h1><p>The council published the code it uses for the model, and \
                here it is for anyone who wants to read it.</p><pre><code>let x = 1;\nlet y = 2;</code></pre>\
                <p>That is all the code there is for now, the council said on Tuesday afternoon.</p></article></body></html>";
    let (_dir, html) = common::temp_file("code.html", page.as_bytes());
    let copy = clean(&html);
    assert!(copy.contains("\n```\nlet x = 1;\nlet y = 2;\n```\n"), "{copy}");
    assert_eq!(copy.matches("let x = 1;").count(), 1, "{copy}");
}

/// The copy of `path`, then the copy of that copy (named `.md`, so read as Markdown).
fn clean_twice(path: &std::path::Path) -> (String, String) {
    let once = clean(path);
    let (_dir, copy) = common::temp_file("copy.md", once.as_bytes());
    let twice = clean(&copy);
    (once, twice)
}

/// CI once drew a page whose copy wrote a line `~~` one way and its copy the other: each
/// `~` of a text is escaped, and a run of text is escaped whole, however pulldown-cmark split it.
#[test]
fn a_line_of_tildes_is_escaped_the_first_time() {
    let page = "<html><body><article><h1>Tildes</h1><p>The council published the figures for the year \
                on Monday, and they were better than anyone had hoped.</p>\n~~\n<p>The mayor said the \
                money would go to the harbour, the schools and the roads in the spring.</p></article></body></html>";
    let (_dir, html) = common::temp_file("tildes.html", page.as_bytes());
    let (once, twice) = clean_twice(&html);
    assert!(once.contains("\n\n\\~\\~\n\n"), "{once}");
    assert_eq!(twice, once);

    let (_dir, md) = common::temp_file("tildes.md", b"# Tildes\n\nA paragraph of words.\n\n~~\n\nAnother one.\n");
    let (once, twice) = clean_twice(&md);
    assert!(once.contains("\n\n\\~\\~\n\n"), "{once}");
    assert_eq!(twice, once);
}

/// Text that Markdown reads as markup, as a line of its own, after a hard line break, in a
/// list item, quote, heading or table cell: the copy of the copy is the same copy.
#[test]
fn markup_in_the_text_reads_back_as_the_same_copy() {
    use folio::article::{Format, Source, SourceKind};
    let build = |text: &str, format: Format| {
        let source = Source { kind: SourceKind::File, name: "generated".to_string(), format, base: None };
        let article = folio::Pipeline::bundled().build(text, source);
        folio::export::markdown::clean_markdown(&article, "T")
    };
    let p = "The scheme cost a great deal of money, the council said on Monday afternoon.";
    let texts = [
        "~~",
        "~~~",
        "~",
        "a ~b~ c",
        "~~a~~",
        "~5 km",
        "a~~b",
        "***",
        "___",
        "---",
        "* * *",
        "- - -",
        "+",
        "+ a",
        "=",
        "===",
        "-",
        "|",
        "| a |",
        "a | b",
        ":--- | ---",
        "#",
        "# a",
        "a #",
        "Item ##",
        "C#",
        ">",
        "> a",
        "1. a",
        "1) a",
        "1.5 million",
        "```",
        "\\",
        "a\\",
        "`a`",
        "<b>",
        "&amp;",
        "&#35;",
        "[a](b)",
        "![a](b)",
        "[ ] a",
        "*a*",
        "_a_",
        "snake_case",
        "**",
        "a\n===",
        "a\n---",
        "a | b\n:--- | ---",
        "a<br>===",
        "a<br>- b",
        "a<br># b",
        "a<br>1. b",
        "a<br>~~~",
        "<b></b>x",
        "<b>a</b><b>b</b>",
        "<b>a </b>b",
        "x<b> a</b>",
        "<i>a</i><b>b</b>",
        "<b><i>a</i></b>",
        "<b>a<br>b</b>",
        "word <a href=\"http://x.example/\"> a </a>word",
    ];
    for t in texts {
        let pages = [
            (Format::Markdown, format!("{p}\n\n{t}\n\n{p}\n")),
            (Format::Markdown, format!("{p}\n{t}\n\n{p}\n")),
            (Format::Markdown, format!("{p}  \n{t}\n\n{p}\n")),
            (Format::Markdown, format!("{p}\n\n- {p}  \n  {t}\n- {t}\n  - {t}\n")),
            (Format::Markdown, format!("{p}\n\n> {t}\n\n## {t}\n\n{p}\n")),
            (Format::Text, format!("{p}\n{t}\n{p}\n")),
            (Format::Html, format!("<article><h1>T</h1><p>{p}</p>\n{t}\n<p>{p} {t} {p}</p></article>")),
            (Format::Html, format!("<article><h1>T</h1><p>{p}<br>{t}</p><h2>{t}</h2><p>{p}</p></article>")),
            (
                Format::Html,
                format!("<article><p>{p}</p><ul><li>{p}<br>{t}</li><li><ul><li>{t}</li></ul></li></ul></article>"),
            ),
            (Format::Html, format!("<article><p>{p}</p><blockquote>{p}<br>{t}</blockquote><p>{p}</p></article>")),
            (
                Format::Html,
                format!(
                    "<article><p>{p}</p><table><tr><th>a</th><th>b</th></tr><tr><td>{t}</td><td>2</td></tr></table></article>"
                ),
            ),
        ];
        for (format, page) in pages {
            let once = build(&page, format);
            assert_eq!(build(&once, Format::Markdown), once, "{t:?} in {format:?}:\n{page}");
        }
    }
}
