//! The page's kind: an article, a documentation page or a forum thread, decided from evidence
//! about the whole page (its address, its JSON-LD and microdata types, its code blocks, lists and
//! headings, its repeated posts and authors, the class words around its text, the words of its
//! short lines) before the story
//! region is found. Three one-vs-rest logistic regressions over named features, learned by
//! `lab` (`cargo run --release --example eval_kind`), cross-validated by site on WCXB's labels
//! and shipped as `assets/kind_model.toml`; the word lists they read are `assets/kind_words.toml`.
//! Says what the page is, never what a block is: no label depends on it (yet).

use crate::article::{BlockKind, PageKind};
use crate::parse::Parsed;
use crate::text::logistic::{self, Feature, Logistic, features};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

const BUNDLED_TOML: &str = include_str!("../../assets/kind_model.toml");
const WORDS_TOML: &str = include_str!("../../assets/kind_words.toml");

features! {
    /// What the page-kind model measures of a page, in the order of its vector (and of the weights file).
    pub enum KindFeature {
        /// The page is HTML.
        Html = "html",
        /// The page's address is known.
        AddressKnown = "address_known",
        /// A host or path word of the address names documentation (`docs`, `api`, `reference`…).
        AddressDocumentation = "address_documentation",
        /// A host or path word of the address names a forum (`forum`, `community`, `t`, `questions`…).
        AddressForum = "address_forum",
        /// A host or path word of the address names news or a blog (`news`, `blog`, `article`…).
        AddressNews = "address_news",
        /// The address's path holds a year (`/2025/`).
        AddressYear = "address_year",
        /// Words of the page, log-scaled: `ln(1 + words)`.
        LogWords = "log_words",
        /// Code blocks, log-scaled: `ln(1 + code blocks)`.
        LogCode = "log_code",
        /// Share of blocks that are list items.
        ListShare = "list_share",
        /// Headings per 1000 words, log-scaled: `ln(1 + headings per 1000 words)`.
        LogHeadingRate = "log_heading_rate",
        /// The page calls itself a news article or a blog post (JSON-LD or microdata).
        TypeArticle = "type_article",
        /// The page calls itself a technical article or an API reference.
        TypeTechnical = "type_technical",
        /// The page calls itself a discussion, a question or an answer.
        TypeForum = "type_forum",
        /// Elements of one class that each hold a post, log-scaled: `ln(1 + posts)` (HTML).
        LogPosts = "log_posts",
        /// Different authors the page names, log-scaled: `ln(1 + authors)` (HTML).
        LogAuthors = "log_authors",
        /// Share of blocks inside an element whose class words name documentation (HTML).
        ClassDocumentation = "class_documentation",
        /// Share of blocks inside an element whose class words name a post or a reply (HTML).
        ClassForum = "class_forum",
        /// Share of blocks that are a short line with a word of a thread (`reply`, `joined`, `ago`…).
        ForumLines = "forum_lines",
        /// Share of blocks that are a short line with a word of documentation (`parameters`, `returns`, `example`…).
        DocumentationLines = "documentation_lines",
        /// Share of blocks (not marked as code) that read as code: brackets, operators, few spaces.
        CodeLikeShare = "code_like_share",
    }
}

/// A page's measurements as the model reads them.
pub type Vector = logistic::Vector<KindFeature>;

/// The word lists of `assets/kind_words.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    address: Lists,
    classes: ClassLists,
    lines: ClassLists,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    documentation: HashSet<String>,
    forum: HashSet<String>,
    news: HashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassLists {
    documentation: HashSet<String>,
    forum: HashSet<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| toml::from_str(WORDS_TOML).expect("assets/kind_words.toml is valid"));

/// The class words of each element around a block, as a [`crate::parse::DomHint`] holds them.
type ClassWords = [std::sync::Arc<[String]>];

/// Blocks this short or shorter are read for the words of a thread's or a manual's lines.
const LINE_WORDS: usize = 8;

/// A block with at least this share of code characters (brackets, operators) reads as code.
const CODE_CHARS: f32 = 0.06;

/// The words of a text: runs of bytes between ASCII spaces (a page's figure, counted byte by
/// byte for speed; text split by other spaces counts as fewer, longer words).
fn words_in(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for b in text.bytes() {
        let space = b.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// Lines longer than this (in bytes) are prose or tables, never read as code.
const MAX_CODE_LINE: usize = 240;

/// Whether a block's text reads as code: a line no longer than `MAX_CODE_LINE` that does not
/// end like a sentence, with a bracket, `=`, `;`, `$` or `_`, whose brackets and operators are
/// `CODE_CHARS` of its bytes or more.
fn reads_as_code(text: &str) -> bool {
    let text = text.trim();
    if text.len() < 4 || text.len() > MAX_CODE_LINE || text.ends_with(['.', '?', '!']) {
        return false;
    }
    let code = text
        .bytes()
        .filter(|c| {
            matches!(
                c,
                b'{' | b'}'
                    | b'('
                    | b')'
                    | b';'
                    | b'='
                    | b'<'
                    | b'>'
                    | b'['
                    | b']'
                    | b'_'
                    | b'$'
                    | b'/'
                    | b'\\'
                    | b':'
                    | b'.'
            )
        })
        .count();
    code as f32 / text.len() as f32 >= CODE_CHARS && text.contains(['(', '{', '=', ';', '$', '_'])
}

/// What was found of a page, beside its vector: the figures its reason names.
#[derive(Debug, Clone, Default)]
struct Evidence {
    /// The address words that named documentation, a forum, news.
    address: [Option<String>; 3],
    code: usize,
    headings: usize,
    posts: usize,
    authors: usize,
    /// The schema.org type that named the page's kind, by kind (article, technical, forum).
    types: [Option<String>; 3],
}

/// The page-kind model's view of a parsed page (what `lab` trains it on).
pub fn vector(parsed: &Parsed) -> Vector {
    measure(parsed).0
}

fn measure(parsed: &Parsed) -> (Vector, Evidence) {
    use KindFeature as K;
    let words = &*WORDS;
    let mut v = Vector::zeros();
    let mut evidence = Evidence::default();
    let html = !parsed.dom.is_empty();
    v.set(K::Html, html);
    if let Some(url) = parsed.meta.url.as_deref().and_then(|u| url::Url::parse(u).ok()) {
        v[K::AddressKnown] = 1.0;
        let host = url.host_str().unwrap_or("");
        let tokens: Vec<String> = host
            .split(|c: char| !c.is_ascii_alphanumeric())
            .chain(url.path().split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let lists = [&words.address.documentation, &words.address.forum, &words.address.news];
        for (slot, list) in lists.into_iter().enumerate() {
            evidence.address[slot] = tokens.iter().find(|t| list.contains(t.as_str())).cloned();
        }
        v.set(K::AddressDocumentation, evidence.address[0].is_some());
        v.set(K::AddressForum, evidence.address[1].is_some());
        v.set(K::AddressNews, evidence.address[2].is_some());
        let year = |t: &str| t.len() == 4 && t.parse::<u16>().is_ok_and(|y| (1990..2040).contains(&y));
        v.set(K::AddressYear, url.path().split('/').any(year));
    }

    let blocks = &parsed.blocks;
    let n = blocks.len().max(1) as f32;
    let (mut all_words, mut lists) = (0usize, 0usize);
    let (mut forum_lines, mut doc_lines, mut code_like) = (0usize, 0usize, 0usize);
    let mut lower = String::new();
    for block in blocks {
        let w = words_in(&block.text);
        all_words += w;
        if w <= LINE_WORDS {
            let (mut forum_word, mut doc_word) = (false, false);
            for token in block.text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
                lower.clear();
                lower.extend(token.chars().map(|c| c.to_ascii_lowercase()));
                forum_word |= words.lines.forum.contains(lower.as_str());
                doc_word |= words.lines.documentation.contains(lower.as_str());
            }
            forum_lines += usize::from(forum_word);
            doc_lines += usize::from(doc_word);
        }
        code_like += usize::from(block.kind != BlockKind::Code && reads_as_code(&block.text));
        match block.kind {
            BlockKind::Code => evidence.code += 1,
            BlockKind::Heading => evidence.headings += 1,
            BlockKind::ListItem => lists += 1,
            _ => {}
        }
    }
    v[K::LogWords] = (1.0 + all_words as f32).ln();
    v[K::LogCode] = (1.0 + evidence.code as f32).ln();
    v[K::ListShare] = lists as f32 / n;
    v[K::ForumLines] = forum_lines as f32 / n;
    v[K::DocumentationLines] = doc_lines as f32 / n;
    v[K::CodeLikeShare] = code_like as f32 / n;
    v[K::LogHeadingRate] = (1.0 + evidence.headings as f32 * 1000.0 / all_words.max(1) as f32).ln();

    if html {
        let (mut docs, mut forum) = (0usize, 0usize);
        // The blocks inside an element share its words (one `Arc`): each element's are read once.
        let mut read: HashMap<usize, (bool, bool)> = HashMap::new();
        let mut last: Option<(&ClassWords, (bool, bool))> = None;
        for hint in &parsed.dom {
            let frames = hint.class_words.as_slice();
            let names = match last {
                Some((before, names))
                    if before.len() == frames.len()
                        && before.iter().zip(frames).all(|(a, b)| std::sync::Arc::ptr_eq(a, b)) =>
                {
                    names
                }
                _ => frames.iter().fold((false, false), |(d, f), ws| {
                    let (wd, wf) =
                        *read.entry(std::sync::Arc::as_ptr(ws) as *const String as usize).or_insert_with(|| {
                            let names = |list: &HashSet<String>| ws.iter().any(|w| list.contains(w));
                            (names(&words.classes.documentation), names(&words.classes.forum))
                        });
                    (d || wd, f || wf)
                }),
            };
            last = Some((frames, names));
            docs += usize::from(names.0);
            forum += usize::from(names.1);
        }
        v[K::ClassDocumentation] = docs as f32 / n;
        v[K::ClassForum] = forum as f32 / n;
        evidence.posts = parsed.posts;
        v[K::LogPosts] = (1.0 + parsed.posts as f32).ln();
        let mut authors: Vec<&str> = parsed.stated.bylines.iter().map(|s| s.value.as_str()).collect();
        authors.sort_unstable();
        authors.dedup();
        evidence.authors = authors.len();
        v[K::LogAuthors] = (1.0 + authors.len() as f32).ln();
    }
    for kind in &parsed.stated.types {
        let slot = match kind.as_str() {
            "TechArticle" | "APIReference" | "SoftwareSourceCode" | "HowTo" => 1,
            "DiscussionForumPosting" | "QAPage" | "Question" | "Answer" | "Comment" | "SocialMediaPosting" => 2,
            k if k == "Article" || k.ends_with("NewsArticle") || k == "BlogPosting" || k == "Report" => 0,
            _ => continue,
        };
        evidence.types[slot].get_or_insert_with(|| kind.clone());
    }
    v.set(K::TypeArticle, evidence.types[0].is_some());
    v.set(K::TypeTechnical, evidence.types[1].is_some());
    v.set(K::TypeForum, evidence.types[2].is_some());
    (v, evidence)
}

/// The page's kind and why, in the reader's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Kind {
    /// What the page is.
    pub kind: PageKind,
    /// The evidence that weighed most for it ("the address says docs; 14 code blocks").
    pub reason: String,
}

/// The page-kind model: one logistic regression per kind, each telling that kind from the
/// others; the kind whose regression is surest wins.
#[derive(Debug, Clone, PartialEq)]
pub struct KindModel {
    models: Vec<Logistic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    bias: f32,
    weights: BTreeMap<String, f32>,
}

static BUNDLED: LazyLock<KindModel> =
    LazyLock::new(|| KindModel::from_toml(BUNDLED_TOML).expect("assets/kind_model.toml is valid"));

impl KindModel {
    /// The model shipped with folio.
    pub fn bundled() -> &'static KindModel {
        &BUNDLED
    }

    /// A model from each kind's bias and weights (in the order of [`KindFeature`]), in the
    /// order of [`PageKind::ALL`].
    pub fn new(models: [(f32, Vec<f32>); 3]) -> KindModel {
        KindModel { models: models.into_iter().map(|(bias, w)| Logistic::of::<KindFeature>(bias, w)).collect() }
    }

    /// A model from a weights file: a table per kind, each with its `bias` and `[kind.weights]`
    /// holding every feature by name.
    pub fn from_toml(text: &str) -> Result<KindModel, String> {
        let mut file: BTreeMap<String, ModelFile> = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(other) = file.keys().find(|k| PageKind::of_name(k).is_none()) {
            return Err(format!("weights for an unknown kind: {other}"));
        }
        let models = PageKind::ALL
            .into_iter()
            .map(|kind| {
                let m = file.remove(kind.name()).ok_or_else(|| format!("no weights for {}", kind.name()))?;
                Logistic::from_named(KindFeature::NAMES, m.bias, &m.weights)
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(KindModel { models })
    }

    /// The weights file of this model (what `from_toml` reads back, to the bit).
    pub fn to_toml(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        for (kind, model) in PageKind::ALL.into_iter().zip(&self.models) {
            out.push_str(&format!("\n[{}]\nbias = {:?}\n\n[{}.weights]\n", kind.name(), model.bias(), kind.name()));
            for (name, weight) in model.named() {
                out.push_str(&format!("{name} = {weight:?}\n"));
            }
        }
        out
    }

    /// Each kind's probability for a page with these measurements (in the order of
    /// [`KindFeature`]), in the order of [`PageKind::ALL`].
    pub fn probabilities(&self, values: &[f32]) -> [f32; 3] {
        let mut out = [0.0; 3];
        for (p, model) in out.iter_mut().zip(&self.models) {
            *p = model.probability(values);
        }
        out
    }

    /// The likeliest kind for a page with these measurements (in the order of [`KindFeature`]).
    pub fn decide(&self, values: &[f32]) -> PageKind {
        let p = self.probabilities(values);
        let best = (0..3).fold(0, |best, i| if p[i] > p[best] { i } else { best });
        PageKind::ALL[best]
    }

    /// The page's kind, with the evidence that weighed most for it.
    pub fn kind_of(&self, parsed: &Parsed) -> Kind {
        let (vector, evidence) = measure(parsed);
        let kind = self.decide(vector.as_slice());
        let model = &self.models[kind as usize];
        // Each feature's push toward the kind, strongest first; the two strongest that can be
        // said in words make the reason.
        let mut pushes: Vec<(f32, KindFeature)> = (0..KindFeature::NAMES.len())
            .map(|i| (model.weights()[i] * vector.as_slice()[i], feature_at(i)))
            .filter(|(push, _)| *push > PUSH_WORTH_SAYING)
            .collect();
        pushes.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut said: Vec<String> = pushes.iter().filter_map(|(_, f)| say(*f, &vector, &evidence)).take(2).collect();
        // An article is what is left when nothing names another kind: said so when little else is.
        if kind == PageKind::Article && said.len() < 2 {
            said.push("no sign of documentation or a forum".into());
        }
        let reason = if said.is_empty() { format!("likeliest kind: {}", kind.name()) } else { said.join("; ") };
        Kind { kind, reason }
    }
}

/// Pushes of less log-odds than this are not named in a reason.
const PUSH_WORTH_SAYING: f32 = 0.25;

/// The feature at place `i` of a vector.
fn feature_at(i: usize) -> KindFeature {
    use KindFeature as K;
    const ALL: [KindFeature; 20] = [
        K::Html,
        K::AddressKnown,
        K::AddressDocumentation,
        K::AddressForum,
        K::AddressNews,
        K::AddressYear,
        K::LogWords,
        K::LogCode,
        K::ListShare,
        K::LogHeadingRate,
        K::TypeArticle,
        K::TypeTechnical,
        K::TypeForum,
        K::LogPosts,
        K::LogAuthors,
        K::ClassDocumentation,
        K::ClassForum,
        K::ForumLines,
        K::DocumentationLines,
        K::CodeLikeShare,
    ];
    ALL[i]
}

/// A feature's evidence in the reader's words, where it says something of the page.
fn say(feature: KindFeature, v: &Vector, e: &Evidence) -> Option<String> {
    use KindFeature as K;
    let word = |slot: usize| e.address[slot].as_deref().map(|w| format!("the address says {w}"));
    let said_type = |slot: usize| e.types[slot].as_deref().map(|t| format!("the page calls itself {t}"));
    Some(match feature {
        K::AddressDocumentation => word(0)?,
        K::AddressForum => word(1)?,
        K::AddressNews => word(2)?,
        K::AddressYear => "a year in the address".into(),
        K::LogWords => format!("{} words", v[K::LogWords].exp().round() as usize - 1),
        K::LogCode => crate::text::count::said(e.code, "code block", "code blocks"),
        K::ListShare => format!("{:.0}% of its blocks list items", v[K::ListShare] * 100.0),
        K::LogHeadingRate => crate::text::count::said(e.headings, "heading", "headings"),
        K::TypeArticle => said_type(0)?,
        K::TypeTechnical => said_type(1)?,
        K::TypeForum => said_type(2)?,
        K::LogPosts => format!("{} repeated posts", e.posts),
        K::LogAuthors => crate::text::count::said(e.authors, "author named", "authors named"),
        K::ClassDocumentation => "documentation classes around its text".into(),
        K::ClassForum => "post and reply classes around its text".into(),
        K::ForumLines => "lines like a thread's (reply, joined, ago)".into(),
        K::DocumentationLines => "lines like a manual's (parameters, returns, example)".into(),
        K::CodeLikeShare => format!("{:.0}% of its lines read as code", v[K::CodeLikeShare] * 100.0),
        K::Html | K::AddressKnown => return None,
    })
}

/// The page's kind by the bundled model.
pub fn kind_of(parsed: &Parsed) -> Kind {
    KindModel::bundled().kind_of(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_in_the_order_of_their_names() {
        for (i, name) in KindFeature::NAMES.iter().enumerate() {
            assert_eq!(feature_at(i).name(), *name);
        }
    }

    #[test]
    fn the_bundled_model_and_word_lists_load() {
        let _ = KindModel::bundled();
        assert!(WORDS.address.documentation.contains("docs"));
    }

    #[test]
    fn a_weights_file_reads_back_to_the_bit_and_refuses_unknown_kinds() {
        let model = KindModel::bundled();
        assert_eq!(&KindModel::from_toml(&model.to_toml("a header")).unwrap(), model);
        let other = model.to_toml("").replace("[forum]", "[listing]").replace("[forum.", "[listing.");
        assert!(KindModel::from_toml(&other).is_err());
    }

    #[test]
    fn a_documentation_address_with_code_reads_as_documentation() {
        let html = format!(
            "<html><head><link rel=canonical href=\"https://docs.example.org/guide/install\"></head><body>\
             <h1>Install</h1><p>Run this to install the tool on your machine and check that it works.</p>\
             {}</body></html>",
            "<h2>Step</h2><pre><code>pip install tool</code></pre><p>Then configure it as shown below.</p>".repeat(8)
        );
        let parsed = crate::parse::parse(&html, crate::article::Format::Html, None);
        let kind = kind_of(&parsed);
        assert_eq!(kind.kind, PageKind::Documentation, "{kind:?}");
        assert!(kind.reason.contains("docs") || kind.reason.contains("code"), "{}", kind.reason);
    }

    #[test]
    fn a_thread_states_its_types_and_its_posts_are_counted() {
        let post = |who: &str| {
            format!(
                "<div class=\"post\" itemtype=\"https://schema.org/Comment\"><span class=\"author\">{who}</span><p>{}</p></div>",
                "I tried the same fix on my machine and it worked after a restart of the service. ".repeat(5)
            )
        };
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":[\"QAPage\",\"WebPage\"]}}</script></head>\
             <body><div class=\"teaser\"><a href=\"/a\">One</a></div><div class=\"teaser\"><a href=\"/b\">Two</a></div>\
             <div class=\"teaser\"><a href=\"/c\">Three</a></div>{}{}{}{}</body></html>",
            post("ann"),
            post("bo"),
            post("cy"),
            post("di")
        );
        let parsed = crate::parse::parse(&html, crate::article::Format::Html, None);
        assert_eq!(parsed.posts, 4, "the teasers are short: no posts");
        assert_eq!(parsed.stated.types, ["Comment", "QAPage", "WebPage"]);
    }

    #[test]
    fn kinds_are_named_as_wcxb_names_them() {
        for kind in PageKind::ALL {
            assert_eq!(PageKind::of_name(kind.name()), Some(kind));
        }
        assert_eq!(serde_json::to_string(&PageKind::Documentation).unwrap(), "\"documentation\"");
    }
}
