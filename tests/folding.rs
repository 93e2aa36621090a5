//! Folding on small pages written for one behaviour each: what must stay story, what must fold.

mod common;

use folio::article::{Article, Format, Label, Source, SourceKind};

fn read(text: &str, format: Format) -> Article {
    let source = Source { kind: SourceKind::File, name: "page".to_string(), format, base: None };
    folio::Pipeline::bundled().build(text, source)
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

/// Pages that are not one news article read whole (issue #23), each kind of failure on a real
/// wcxb-dev page: a Sphinx manual's sections, examples and permalinks; a list article's item
/// names; a thread's later posts and who wrote them, and its replies under their heading.
#[test]
fn real_pages_of_each_kind_read_whole() {
    use folio::article::PageKind;
    let page = |id: &str| {
        let path = common::shared(&format!("corpus/wcxb-dev/html/{id}.html.gz"))?;
        Some(read(&String::from_utf8_lossy(&common::input_bytes(&path)), Format::Html))
    };
    // flask.palletsprojects.com (Sphinx): "About Responses" begins a section of the manual, not
    // a company's boilerplate; each heading without its permalink sign "¶".
    let Some(flask) = page("0662") else { return };
    assert_eq!(flask.meta.kind, PageKind::Documentation);
    for heading in ["About Responses", "Sessions", "Message Flashing"] {
        let block = flask.blocks.iter().find(|b| b.text == heading).unwrap_or_else(|| panic!("{heading}"));
        assert_eq!(block.label, Label::Content, "{heading}: {}", block.reason);
    }
    // requests.readthedocs.io (Sphinx): each example sits in a box of one class, 67 of them;
    // they are the manual's code, not a teaser list.
    let Some(requests) = page("0663") else { return };
    assert_eq!(requests.meta.kind, PageKind::Documentation);
    assert_eq!(label_of(&requests, "s = requests.Session()").0, Label::Content);
    // timeout.com: a list article whose items are cards of one class; their names stay.
    let Some(list) = page("0030") else { return };
    assert_eq!(list.meta.kind, PageKind::Article);
    for item in ["Motion Graphics Certificate", "UI Design Certificate"] {
        assert_eq!(label_of(&list, item).0, Label::Content, "{item}");
    }
    // community.home-assistant.io (Discourse): a later post and the line that says who wrote it.
    let Some(thread) = page("0503") else { return };
    assert_eq!(thread.meta.kind, PageKind::Forum);
    assert_eq!(label_of(&thread, "I found a thread already open on GitHub").0, Label::Content);
    assert_eq!(label_of(&thread, "code-in-progress (Bill").0, Label::Content);
    // A Vanilla forum thread: its "Comments" heading begins the replies, which are the thread.
    let Some(thread) = page("0559") else { return };
    assert_eq!(thread.meta.kind, PageKind::Forum);
    let (label, reason) = label_of(&thread, "Really sad but I think we all saw it coming");
    assert_eq!(label, Label::Content, "{reason}");
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

#[test]
fn a_short_sentence_after_code_in_html_is_no_section_heading() {
    let page = format!(
        "<html><body><article><h1>Using hooks</h1><p>{PARAGRAPH}</p><pre><code>useEffect(() => {{\n  save();\n}});</code></pre>\
         <p>That is all it takes</p><p>{PARAGRAPH} The effect runs after every render of the component.</p>\
         <h2>Cleaning up</h2><p>{PARAGRAPH}</p></article></body></html>"
    );
    let article = read(&page, Format::Html);
    let line = article.blocks.iter().find(|b| b.text == "That is all it takes").expect("the line is a block");
    assert_eq!((line.label, line.kind), (Label::Content, folio::article::BlockKind::Paragraph), "{}", line.reason);
    let sections: Vec<&str> = article.sections().iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["Cleaning up"]);
}

/// A page laid out as MediaWiki's Vector 2022 skin lays out a Wikipedia article (written for
/// the test): the site's header and menus, the title bar with the `<h1>` and the language and
/// page tools, section headings with their "[edit]" links (the older `mw-headline` form and
/// the newer `mw-heading` one) and citation marks.
fn wiki_page() -> String {
    let edit = |n: u32, name: &str| {
        format!(
            "<span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span>\
             <a href=\"/w/index.php?title=Heat_pump&amp;action=edit&amp;section={n}\" title=\"Edit section: {name}\">\
             <span>edit</span></a><span class=\"mw-editsection-bracket\">]</span></span>"
        )
    };
    let cite =
        |n: u32| format!("<sup id=\"cite_ref-{n}\" class=\"reference\"><a href=\"#cite_note-{n}\">[{n}]</a></sup>");
    let menu: String = ["Main page", "Contents", "Current events", "Random article", "About Wikipedia", "Contact us"]
        .iter()
        .map(|t| format!("<li class=\"mw-list-item\"><a href=\"/wiki/{t}\"><span>{t}</span></a></li>"))
        .collect();
    let languages: String = ["Deutsch", "Español", "Français", "Italiano", "Nederlands", "Polski"]
        .iter()
        .map(|t| {
            format!(
                "<li class=\"interlanguage-link\"><a href=\"https://x.wikipedia.org/wiki/W\" lang=\"x\">{t}</a></li>"
            )
        })
        .collect();
    let tools: String = ["Article", "Talk", "Read", "Edit", "View history", "Tools"]
        .iter()
        .map(|t| format!("<li class=\"vector-tab-noicon mw-list-item\"><a href=\"/w/{t}\"><span>{t}</span></a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>Heat pump - Wikipedia</title>\
         <link rel=\"canonical\" href=\"https://en.wikipedia.org/wiki/Heat_pump\"></head>\
         <body class=\"skin-vector-2022 mediawiki\"><div class=\"mw-page-container\">\
         <header class=\"vector-header mw-header\"><nav class=\"vector-main-menu\"><ul>{menu}</ul></nav>\
         <a href=\"/wiki/Main_Page\" class=\"mw-logo\"><img class=\"mw-logo-icon\" src=\"/static/w.svg\" alt=\"\">\
         <span class=\"mw-logo-container\"><img class=\"mw-logo-wordmark\" alt=\"Wikipedia\" src=\"/static/wordmark.svg\">\
         <img class=\"mw-logo-tagline\" alt=\"The Free Encyclopedia\" src=\"/static/tagline.svg\"></span></a>\
         <div class=\"vector-user-links\"><ul><li><a href=\"/w/Donate\">Donate</a></li><li><a href=\"/w/Create\">Create account</a></li>\
         <li><a href=\"/w/Login\">Log in</a></li></ul></div></header>\
         <div class=\"mw-content-container\"><main id=\"content\" class=\"mw-body\">\
         <header class=\"mw-body-header vector-page-titlebar\">\
         <h1 id=\"firstHeading\" class=\"firstHeading mw-first-heading\"><span class=\"mw-page-title-main\">Heat pump</span></h1>\
         <div id=\"p-lang-btn\" class=\"vector-dropdown mw-portlet mw-portlet-lang\"><label class=\"vector-dropdown-label\">\
         <span class=\"vector-dropdown-label-text\">58 languages</span></label><div class=\"vector-dropdown-content\">\
         <ul class=\"vector-menu-content-list\">{languages}</ul></div></div></header>\
         <div class=\"vector-page-toolbar\"><ul>{tools}</ul></div>\
         <div id=\"bodyContent\" class=\"vector-body\"><div id=\"siteSub\" class=\"noprint\">From Wikipedia, the free encyclopedia</div>\
         <div id=\"mw-content-text\" class=\"mw-body-content\"><div class=\"mw-content-ltr mw-parser-output\" lang=\"en\">\
         <p>A <b>heat pump</b> is a device that uses electricity to move heat from a colder place to a warmer place, \
         heating a building in winter and cooling it in summer, and it does so more efficiently than a resistive heater.{c1}</p>\
         <p>Heat pumps are three to four times as efficient as resistive heating because they move heat rather than \
         make it, and the efficiency falls as the difference between the two temperatures grows.{c2}</p>\
         <h2><span class=\"mw-headline\" id=\"History\">History</span>{e1}</h2>\
         <p>The first heat pump was built in the 1850s, after Lord Kelvin described the principle, and the first \
         large systems heated buildings in Zurich in the 1930s and 1940s, drawing heat from the river.{c1}</p>\
         <div class=\"mw-heading mw-heading2\"><h2 id=\"Types\">Types</h2>{e2}</div>\
         <p>Air source heat pumps draw heat from the outside air, while ground source heat pumps draw it from the \
         ground through buried pipes, where the temperature stays the same through the year.{c2}</p>\
         </div></div></div></main></div></div></body></html>",
        c1 = cite(1),
        c2 = cite(2),
        e1 = edit(1, "History"),
        e2 = edit(2, "Types"),
    )
}

#[test]
fn a_wiki_article_has_its_h1_as_title_and_headings_without_edit_links_or_citation_marks() {
    let article = read(&wiki_page(), Format::Html);
    let h1 = article.blocks.iter().find(|b| b.text == "Heat pump").expect("the <h1> is a block");
    assert_eq!(h1.label, Label::Title, "{}", h1.reason);
    assert_eq!(article.meta.title.as_deref(), Some("Heat pump"), "{:?}", article.meta.reasons);
    assert_eq!(article.meta.site.as_deref(), Some("Wikipedia"));
    let sections: Vec<&str> = article.sections().iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["History", "Types"]);
    for block in &article.blocks {
        assert!(!block.text.contains("edit]") && !block.text.contains("[1]"), "{:?}", block.text);
    }
    let copy = folio::export::markdown::clean_markdown(&article, "2026-12-05");
    assert!(copy.contains("## History\n") && copy.contains("## Types\n"), "{copy}");
    assert!(!copy.contains("edit") && !copy.contains("[1]") && !copy.contains("cite_note"), "{copy}");
    assert!(copy.contains("than a resistive heater.\n"), "{copy}");
}
