//! Folding on small pages written for one behaviour each: what must stay story, what must fold.

use folio::article::{Article, Format, Label, Source, SourceKind};
use folio::claims::Scorer;
use folio::classify::Rules;

fn read(text: &str, format: Format) -> Article {
    let source = Source { kind: SourceKind::File, name: "page".to_string(), format };
    folio::build(text, source, Rules::bundled(), &Scorer::bundled())
}

fn label_of<'a>(article: &'a Article, starts: &str) -> (Label, &'a str) {
    let block = article.blocks.iter().find(|b| b.text.starts_with(starts)).unwrap_or_else(|| panic!("{starts:?}"));
    (block.label, block.reason.as_ref())
}

const PARAGRAPH: &str = "The council met on Tuesday evening to hear from residents about the plan, which would \
    replace the old boilers in every school of the district with heat pumps over the next four years.";

#[test]
fn a_sentence_starting_with_about_is_no_company_heading() {
    let page = format!(
        "Harbour Report\n\n{PARAGRAPH}\n\n{PARAGRAPH} Many spoke.\n\nAbout a thousand people raised hands.\n\n\
         After the vote the mayor thanked everyone for coming out on such a cold night to speak.\n\n{PARAGRAPH} Then it ended.\n"
    );
    let article = read(&page, Format::Text);
    assert_eq!(label_of(&article, "About a thousand").0, Label::Content);
    assert_eq!(label_of(&article, "After the vote").0, Label::Content);
    // A real company heading after the story still starts the boilerplate.
    let page = format!(
        "Harbour Report\n\n{PARAGRAPH}\n\n{PARAGRAPH} Many spoke.\n\nAbout Harbour Energy\n\nHarbour Energy makes heat pumps.\n"
    );
    let article = read(&page, Format::Text);
    assert_eq!(label_of(&article, "About Harbour Energy").0, Label::OtherBoilerplate);
}

#[test]
fn a_list_of_short_items_inside_an_html_story_stays_story() {
    let teams: String = ["Brazil", "Japan", "Iran", "Argentina", "Ecuador", "Uruguay", "Colombia", "Paraguay"]
        .iter()
        .map(|t| format!("<li>{t}</li>"))
        .collect();
    let menu: String =
        ["News", "Sport", "Weather", "Travel"].iter().map(|t| format!("<li><a href=\"/{t}\">{t}</a></li>")).collect();
    let page = format!(
        "<html><body><ul class=\"top\">{menu}</ul><article><h1>Who has qualified</h1><p>{PARAGRAPH}</p>\
         <p>These teams have qualified so far, with more to come in the spring:</p><ul>{teams}</ul>\
         <p>{PARAGRAPH} The draw follows in December.</p></article></body></html>"
    );
    let article = read(&page, Format::Html);
    for team in ["Brazil", "Japan", "Paraguay"] {
        assert_eq!(label_of(&article, team).0, Label::Content, "{team}");
    }
    assert_ne!(label_of(&article, "Weather").0, Label::Content);
}

#[test]
fn a_story_after_a_very_long_menu_is_kept() {
    let menu: String = (0..3000).map(|i| format!("<li><a href=\"/s{i}\">Section {i}</a></li>")).collect();
    let page = format!("<html><body><ul>{menu}</ul><p>{PARAGRAPH}</p></body></html>");
    let article = read(&page, Format::Html);
    assert_eq!(label_of(&article, "The council met").0, Label::Content);
    assert_ne!(label_of(&article, "Section 10").0, Label::Content);
}
