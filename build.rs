//! Works out, when folio is built, the literals of every bundled rule's and cue's regular
//! expressions (`src/text/literals.rs`), so that reading a page starts without parsing them:
//! `$OUT_DIR/bundled_literals.rs`, a table from each expression to its literals, sorted by
//! expression, which `src/text/matcher.rs` includes. An expression not in it (a user's rule)
//! has its literals worked out when it is read.

#[path = "src/text/literals.rs"]
mod literals;
#[path = "src/text/pattern.rs"]
mod pattern;

use std::fmt::Write;

fn main() {
    let lists = [("assets/rules.toml", "rule"), ("assets/claim_cues.toml", "cue")];
    for path in ["build.rs", "src/text/literals.rs", "src/text/pattern.rs"].iter().chain(lists.iter().map(|l| &l.0)) {
        println!("cargo::rerun-if-changed={path}");
    }
    let mut table: Vec<(String, Vec<Vec<Vec<u8>>>)> = Vec::new();
    for (path, key) in lists {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let file: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let entries = file.get(key).and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
        for entry in entries {
            let strings = |field: &str| -> Vec<String> {
                let values = entry.get(field).and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
                values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
            };
            for source in pattern::sources(&strings("phrases"), &strings("patterns")) {
                let hir = regex_syntax::parse(&source).unwrap_or_else(|e| panic!("{path}: {source}: {e}"));
                table.push((source, literals::required(&hir)));
            }
        }
    }
    table.sort();
    table.dedup();
    let mut out = String::from("/// Each bundled expression with its lists of literals, sorted by expression.\n");
    out.push_str("static BUNDLED: &[(&str, &[&[&[u8]]])] = &[\n");
    let list =
        |list: &Vec<Vec<u8>>| format!("&[{}]", list.iter().map(|l| format!("&{l:?}")).collect::<Vec<_>>().join(", "));
    for (source, found) in &table {
        let found = format!("&[{}]", found.iter().map(list).collect::<Vec<_>>().join(", "));
        writeln!(out, "    ({source:?}, {found}),").expect("a string takes writes");
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_literals.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
