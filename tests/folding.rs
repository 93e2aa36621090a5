//! Folding on small pages written for one behaviour each: what must stay story, what must fold.

mod common;

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

/// A question and its answers, each body in the same kind of container, with the votes, user
/// cards and comments of a Q&A site between them.
fn qa_page(answers: usize) -> String {
    let chrome = |n: usize| {
        let comments: String = (0..5)
            .map(|c| {
                format!(
                    "<li class=\"comment\"><span class=\"comment-copy\">Thanks, that worked for me on the second try, \
                     though I had to leave out the mounted drives as well ({c}).</span><a href=\"/u/{c}\">someone</a>\
                     <span>2017-03-04 22:02:22</span></li>"
                )
            })
            .collect();
        format!(
            "<div class=\"votes\"><span>{n}</span></div><div class=\"user-card\"><a href=\"/u/{n}\">user{n}</a>\
             <span>answered Oct {n}, 2010 at 22:13</span><span>2,246 silver badges</span></div>\
             <ul class=\"comments-list\">{}</ul>\
             <a href=\"#\">Add a comment</a><a href=\"/share\">Share</a><a href=\"/edit\">Improve this answer</a>",
            comments
        )
    };
    let mut page = String::from(
        "<html><body><nav><a href=\"/\">Home</a><a href=\"/q\">Questions</a></nav><main><h1>How do I back up my whole system?</h1>",
    );
    page.push_str(&format!("<div class=\"post-body\"><p>{PARAGRAPH}</p><p>How do I back it all up?</p></div>"));
    page.push_str(&chrome(1));
    page.push_str(&format!("<h2>{answers} Answers</h2>"));
    for n in 0..answers {
        page.push_str(&format!(
            "<div class=\"post-body\"><p>Answer {n}: archive the whole disk with tar, leaving out the folders that \
             the system makes up as it runs, and keep the archive on another drive.</p><pre>tar czf /backup.tar.gz /</pre></div>"
        ));
        page.push_str(&chrome(n + 2));
    }
    page.push_str("</main><footer><p>Site design / logo © 2025; user contributions licensed under CC BY-SA.</p></footer></body></html>");
    page
}

#[test]
fn the_answers_of_a_q_and_a_page_are_story_like_the_question() {
    let article = read(&qa_page(6), Format::Html);
    for n in 0..6 {
        let (label, reason) = label_of(&article, &format!("Answer {n}:"));
        assert_eq!(label, Label::Content, "answer {n}: {reason}");
    }
    assert_ne!(label_of(&article, "Thanks, that worked").0, Label::Content, "a comment is no answer");
    assert_ne!(label_of(&article, "Site design").0, Label::Content);
}

/// The answers of real Q&A pages and forum threads (wcxb-dev), and the later entries of a list
/// article, are kept with the first, and the comments under them are not. (Before the story's
/// kind of container was followed, each of these was folded.)
#[test]
fn real_threads_keep_their_answers() {
    let pages = [
        // askubuntu.com (Stack Exchange): the second answer, and a comment under the question.
        ("0567", "Noone noticed clonezilla", Some("why exclude /sys?")),
        // forums.virtualbox.org (phpBB), old.reddit.com, flyertalk.com (vBulletin): later posts.
        ("0536", "Seeing the slow IPv4 NAT issue as well.", None),
        ("0562", "Hey, if covering your testicles in mouse fur", None),
        ("0527", "Some Champagne on boarding.", None),
        // forums.freebsd.org (XenForo): a post quoting another ("PMc said:").
        ("0537", "Ah! Interesting point. In my circle of nerd-dom", None),
        // levitate.ai: an entry of a list article past the first ones.
        ("4857", "Wix is a user-friendly, drag-and-drop builder", None),
    ];
    for (id, answer, comment) in pages {
        let Some(path) = common::shared(&format!("corpus/wcxb-dev/html/{id}.html.gz")) else { return };
        let article = read(&String::from_utf8_lossy(&common::input_bytes(&path)), Format::Html);
        assert_eq!(label_of(&article, answer).0, Label::Content, "{id}: {answer}");
        if let Some(comment) = comment {
            assert_ne!(label_of(&article, comment).0, Label::Content, "{id}: {comment}");
        }
    }
}

#[test]
fn an_about_us_entry_of_a_menu_above_the_story_does_not_end_it() {
    let teaser = "Become a data scientist and help businesses make sense of the numbers they collect.";
    let page = format!(
        "Courses\n\nData Science\n\n{teaser}\n\nLearn More\n\nSoftware Engineering\n\n{teaser}\n\nLearn More\n\n\
         Cybersecurity\n\n{teaser}\n\nLearn More\n\nGame Design\n\n{teaser}\n\nLearn More\n\n\
         Game Programming\n\n{teaser}\n\nLearn More\n\nAbout Us\n\nAwards\n\nEvents\n\nBlog\n\n\
         An Introduction to Software Development\n\n{PARAGRAPH}\n\n{PARAGRAPH} It went on.\n\n\
         {PARAGRAPH} Then they voted.\n\n{PARAGRAPH} Most agreed.\n\n{PARAGRAPH} It ended late.\n"
    );
    let article = read(&page, Format::Text);
    let story: Vec<_> = article.blocks.iter().filter(|b| b.text.starts_with("The council met")).collect();
    assert_eq!(story.len(), 5);
    for block in story {
        assert_eq!(block.label, Label::Content, "{}: {}", block.text, block.reason);
    }
}

#[test]
fn a_quote_in_a_forum_post_is_part_of_the_thread_and_a_blog_comment_is_not() {
    let reply = "I tried that on two machines last winter and it held up well, so I would do it again.";
    let thread = format!(
        "Which heat pump for an old house?\n\n{PARAGRAPH}\n\n{PARAGRAPH} What would you do?\n\n\
         Harbourmaster said:\n\n{PARAGRAPH}\n\n{reply}\n\nKeeper wrote:\n\n{reply} Twice, in fact.\n"
    );
    let article = read(&thread, Format::Text);
    for starts in ["I tried that", "Harbourmaster said:"] {
        let (label, reason) = label_of(&article, starts);
        assert_eq!(label, Label::Content, "{starts}: {reason}");
    }
    let blog = format!(
        "Harbour Report\n\n{PARAGRAPH}\n\n{PARAGRAPH} Then it ended.\n\n{PARAGRAPH} Most agreed.\n\n\
         Jane Doe says:\n\n{reply}\n"
    );
    let article = read(&blog, Format::Text);
    assert_eq!(label_of(&article, "Jane Doe says:").0, Label::Comments);
    assert_eq!(label_of(&article, "I tried that").0, Label::Comments);
}
