//! The binary from the outside: commands, standard input, and every kind of bad input gets
//! one clear line and a non-zero exit, never a panic.

mod common;

use common::{asset, folio, temp_file};
use predicates::prelude::*;
use std::io::Write;

fn one_line_error(cmd: &mut assert_cmd::Command, code: i32, says: &str) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "stderr: {stderr}");
    assert!(stderr.contains(says), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn missing_file_is_one_line_naming_it() {
    one_line_error(folio().args(["clean", "no/such/article.txt"]), 1, "no/such/article.txt: no such file");
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    one_line_error(folio().arg("inspect").arg(dir.path()), 1, "is a directory");
}

#[test]
fn unreadable_file_is_refused() {
    let (_dir, path) = temp_file("secret.txt", b"Some words.\n");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, who can read any file");
        return;
    }
    one_line_error(folio().arg("clean").arg(&path), 1, "permission denied");
}

#[test]
fn binary_input_exits_2() {
    let (_dir, path) = temp_file("a.out", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00");
    one_line_error(folio().arg("inspect").arg(&path), 2, "binary");
}

#[test]
fn html_pages_are_read_whatever_the_extension() {
    let page = br#"<!DOCTYPE html><html><head><title>Harbour pump | Ledger</title></head><body>
        <nav><a href="/">Home</a> <a href="/climate">Climate</a></nav>
        <article><h1>Harbour pump</h1><p>The pump on the old ferry pier now heats 1,140 homes, the council said,
        and the bills are lower than anyone expected when the scheme was approved.</p>
        <p>See <a href="/report.pdf">the council's report</a> for the figures.</p></article>
        <footer>All rights reserved.</footer></body></html>"#;
    let (_dir, path) = temp_file("page.txt", page);
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = String::from_utf8(out.stdout).unwrap();
    // The site's part of `<title>` is split off: the page's <h1> agrees with the rest.
    assert!(copy.contains("title: \"Harbour pump\"\n"), "{copy}");
    assert!(copy.contains("The pump on the old ferry pier now heats 1,140 homes"), "{copy}");
    assert!(copy.contains("[the council's report](/report.pdf)"), "{copy}");
    assert!(!copy.contains("Climate") && !copy.contains("All rights reserved"), "{copy}");
    assert_eq!(common::inspect(&path)["source"]["format"], "html");
}

#[test]
fn invalid_utf8_reads_with_one_warning() {
    let (_dir, path) = temp_file("latin1.txt", b"Caf\xe9 owners said prices rose by 4% in March.\n");
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("invalid UTF-8"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Caf\u{FFFD} owners said"));
}

#[test]
fn utf16_with_bom_and_crlf_line_ends() {
    let text = "Title line here\r\n\r\nThe harbour pump supplies 1,140 homes, the council said on Monday.\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let (_dir, path) = temp_file("utf16.txt", &bytes);
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("The harbour pump supplies 1,140 homes"), "{stdout}");
    assert!(!stdout.contains('\r'));
}

#[test]
fn lone_cr_line_ends_split_lines() {
    let (_dir, path) =
        temp_file("mac.txt", b"Published:\r2025-12-17 17:44:46\rThe story starts here and runs on, as stories do.\r");
    let report = common::inspect(&path);
    assert_eq!(report["blocks"][1]["source_lines"], serde_json::json!([2, 2]));
    assert_eq!(report["meta"]["published"], "2025-12-17T17:44:46");
}

#[test]
fn empty_file_gives_an_empty_copy() {
    let (_dir, path) = temp_file("empty.txt", b"");
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("---\nsource: "));
    let (_dir, path) = temp_file("blank.txt", b"  \n\t\n   \n");
    assert_eq!(common::inspect(&path)["blocks"], serde_json::json!([]));
}

#[test]
fn standard_input_by_dash_and_by_pipe() {
    let sample = std::fs::read(asset("samples/harbour-heat-pumps.txt")).unwrap();
    for args in [vec!["inspect", "--json", "-"], vec!["inspect", "--json"]] {
        let out = folio().args(&args).write_stdin(sample.clone()).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["source"]["kind"], "stdin");
        assert_eq!(report["source"]["name"], "-");
    }
}

#[test]
fn markdown_is_detected_without_an_extension() {
    let md = std::fs::read(asset("samples/field-notes.md")).unwrap();
    let (_dir, path) = temp_file("notes", &md);
    let report = common::inspect(&path);
    assert_eq!(report["source"]["format"], "markdown");
    assert_eq!(report["meta"]["title"], "Field notes: reading a tide table");
}

#[test]
fn output_file_is_never_overwritten_without_force() {
    let (dir, existing) = temp_file("kept.md", b"my notes\n");
    let sample = asset("samples/harbour-heat-pumps.txt");
    one_line_error(folio().arg("clean").arg(&sample).arg("-o").arg(&existing), 1, "already exists");
    assert_eq!(std::fs::read(&existing).unwrap(), b"my notes\n");

    folio().arg("clean").arg(&sample).arg("-o").arg(&existing).arg("--force").assert().success();
    assert!(std::fs::read_to_string(&existing).unwrap().contains("seawater heat pump"));

    let fresh = dir.path().join("fresh.md");
    folio().arg("clean").arg(&sample).arg("-o").arg(&fresh).assert().success().stdout("");
    assert!(std::fs::read_to_string(&fresh).unwrap().starts_with("---\ntitle: "));
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".folio-"));
    assert_eq!(leftovers.count(), 0, "temporary files left behind");
}

#[test]
fn closed_pipe_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("folio");
    let sample = asset("samples/harbour-heat-pumps.txt");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' clean '{}' | head -1; exit ${{PIPESTATUS:-0}}", bin.display(), sample.display()))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "---\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn inspect_lists_labels_reasons_and_claims() {
    folio()
        .arg("inspect")
        .arg(asset("samples/harbour-heat-pumps.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("cookie consent notice"))
        .stdout(predicate::str::contains("claims"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn escape_sequences_in_the_article_never_reach_stdout() {
    let (_dir, path) = temp_file(
        "evil.txt",
        b"Title\n\nA story \x1b]52;c;aGVsbG8=\x07 with an \x1b[31mescape\x1b[0m in it, said the report.\n",
    );
    let listing = folio().arg("inspect").arg(&path).output().unwrap().stdout;
    assert!(!listing.contains(&0x1b), "ESC reached the listing");
    assert!(String::from_utf8_lossy(&listing).contains('␛'));
    let copy = folio().arg("clean").arg(&path).output().unwrap().stdout;
    assert!(!copy.contains(&0x1b) && !copy.contains(&0x07), "control bytes reached the clean copy");
}

#[test]
fn help_lists_the_commands() {
    let out = folio().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("inspect"));
}

#[test]
fn user_rules_are_read_and_a_broken_file_is_reported() {
    let (dir, _) = temp_file(
        "rules.toml",
        b"[[rule]]\nlabel = \"ad\"\nreason = \"house ad for the crossword\"\nphrases = [\"crossword\"]\n",
    );
    let (_d, article) = temp_file("a.txt", b"Title of the piece\n\nThe story itself is long enough to be a paragraph of prose, with words.\n\nTry our daily crossword\n");
    let out = folio().env("FOLIO_CONFIG_DIR", dir.path()).args(["inspect", "--json"]).arg(&article).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = report["blocks"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["label"].as_str(), last["reason"].as_str()), (Some("ad"), Some("house ad for the crossword")));

    std::fs::write(dir.path().join("rules.toml"), "[[rule]\nbroken").unwrap();
    let out = folio().env("FOLIO_CONFIG_DIR", dir.path()).arg("clean").arg(&article).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rules.toml") && stderr.contains("using the bundled rules"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("rules.toml")).unwrap(), "[[rule]\nbroken");
}

#[test]
fn piped_html_is_read_from_standard_input() {
    let page = "<html><head><meta charset=\"iso-8859-1\"><title>Piped</title></head><body><nav>Home</nav>\
        <article><p>Caf\u{e9} owners in the harbour town said on Monday that prices rose by four percent this year.</p>\
        </article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let out = folio().args(["clean", "-"]).write_stdin(bytes.into_owned()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = String::from_utf8(out.stdout).unwrap();
    assert!(copy.contains("Café owners in the harbour town"), "{copy}");
    assert!(!copy.contains("Home"), "{copy}");
}

#[test]
fn a_ten_megabyte_line_is_read() {
    let line = "the council said heat pumps cost more than expected and residents paid ".repeat(150_000);
    let (_dir, path) = temp_file("line.txt", format!("A title\n\n{line}\n").as_bytes());
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.len() > 10_000_000);
}

#[test]
fn a_file_above_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // 100 MB, sparse: refused from its size alone.
    std::fs::File::create(&path).unwrap().set_len(100_000_000).unwrap();
    one_line_error(folio().arg("clean").arg(&path), 2, "folio reads articles of at most 67108864 bytes");
}

#[test]
fn a_million_empty_tags_are_read() {
    let page = format!(
        "<html><body><h1>Empty</h1>{}<p>One paragraph at the end.</p></body></html>",
        "<p></p>".repeat(1_000_000)
    );
    let (_dir, path) = temp_file("empty-tags.html", page.as_bytes());
    folio().arg("clean").arg(&path).assert().success().stdout(predicate::str::contains("One paragraph at the end."));
}

#[test]
fn html_nested_a_hundred_thousand_deep_is_read() {
    let page = format!("{}<p>Deep down there is a sentence.</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let (_dir, path) = temp_file("deep.html", page.as_bytes());
    folio()
        .arg("clean")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Deep down there is a sentence."));
}

#[test]
fn a_symlink_loop_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    one_line_error(folio().arg("clean").arg(&a), 1, "symbolic links");
}

#[test]
fn a_fifo_is_read_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Nobody writes: an empty article at once, not a hang.
    let out = folio().arg("clean").arg(&fifo).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A writer that is there: its text is read to the end.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            pipe.write_all(b"Words sent through a named pipe, read to the end.\n").unwrap();
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let reader = folio().arg("clean").arg(&fifo).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    writer.join().unwrap();
    assert!(String::from_utf8_lossy(&reader.stdout).contains("named pipe"), "{reader:?}");
}

#[test]
fn a_broken_config_is_reported_with_its_path_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "width = \"wide\"\n").unwrap();
    let out = folio()
        .env("FOLIO_CONFIG_DIR", dir.path())
        .arg("clean")
        .arg(asset("samples/harbour-heat-pumps.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&config.display().to_string()) && stderr.contains("using the default width"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "width = \"wide\"\n");
    std::fs::write(&config, "claim_threshold = 7\n").unwrap();
    let out =
        folio().env("FOLIO_CONFIG_DIR", dir.path()).arg("clean").arg(asset("samples/harbour-heat-pumps.txt")).output();
    assert!(String::from_utf8_lossy(&out.unwrap().stderr).contains("claim_threshold must be from 0 to 1"));
}

#[test]
fn an_unknown_config_key_is_a_warning_and_the_rest_of_the_file_applies() {
    let dir = tempfile::tempdir().unwrap();
    let sample = asset("samples/harbour-heat-pumps.txt");
    let claims = |out: &std::process::Output| {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["claims"].as_array().unwrap().len()
    };
    let default =
        folio().env("FOLIO_CONFIG_DIR", dir.path()).args(["inspect", "--json"]).arg(&sample).output().unwrap();
    std::fs::write(dir.path().join("config.toml"), "claim_threshold = 0.95\nbogus = 1\n").unwrap();
    let out = folio().env("FOLIO_CONFIG_DIR", dir.path()).args(["inspect", "--json"]).arg(&sample).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown key `bogus`"), "{stderr}");
    assert!(claims(&out) < claims(&default), "claim_threshold = 0.95 was ignored: {stderr}");
}

#[test]
fn batch_cleans_every_input_into_the_folder_and_reports_failures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copies");
    let text = asset("samples/harbour-heat-pumps.txt");
    let markdown = asset("samples/field-notes.md");
    let missing = dir.path().join("missing.txt");
    let run = folio().args(["clean", "--out-dir"]).arg(&out).arg(&text).arg(&missing).arg(&markdown).output().unwrap();
    assert_eq!(run.status.code(), Some(1), "one input failed");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("missing.txt: no such file"), "{stderr}");
    assert!(stderr.contains("cleaned 2 of 3 into") && stderr.contains("1 failed"), "{stderr}");
    let without_time = |t: &str| t.lines().filter(|l| !l.starts_with("saved: ")).collect::<Vec<_>>().join("\n");
    for (input, name) in [(&text, "harbour-heat-pumps.md"), (&markdown, "field-notes.md")] {
        let copy = std::fs::read_to_string(out.join(name)).unwrap();
        let single = folio().arg("clean").arg(input).output().unwrap().stdout;
        assert_eq!(without_time(&copy), without_time(&String::from_utf8(single).unwrap()));
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);

    // Again: the copies exist, so each input fails unless --force.
    let again = folio().args(["clean", "-j", "1", "--out-dir"]).arg(&out).arg(&text).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    folio().args(["clean", "--force", "--out-dir"]).arg(&out).arg(&text).assert().success();
}

#[test]
fn a_batch_copy_is_the_single_copy_with_what_was_learned_of_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("pumps.html");
    let aside = "Ask the harbour master about the pumps when you visit the quay this summer, she said.";
    let html = format!(
        "<html><head><title>Harbour pumps</title><link rel=\"canonical\" href=\"https://harbour.example/pumps\"></head>\
         <body><article><h1>Harbour pumps</h1>\
         <p>The council agreed on Tuesday to fit heat pumps in 40 harbour homes by next spring, at a cost of two million pounds.</p>\
         <p>{aside}</p>\
         <p>The work starts in March, and residents will pay nothing for the first five years of the scheme, the council said.</p>\
         </article></body></html>"
    );
    std::fs::write(&page, html).unwrap();
    let data = dir.path().join("data");
    let mark = folio::sites::Mark {
        site: "harbour.example".into(),
        text: aside.into(),
        label: folio::article::Label::Ad,
        when: "2026-01-01T00:00:00Z".into(),
    };
    folio::sites::remember_mark(&data.join("learned"), mark).unwrap();
    let out = dir.path().join("copies");
    folio().env("FOLIO_DATA_DIR", &data).args(["clean", "--out-dir"]).arg(&out).arg(&page).assert().success();
    let single = folio().env("FOLIO_DATA_DIR", &data).arg("clean").arg(&page).output().unwrap();
    let without_time = |t: &str| t.lines().filter(|l| !l.starts_with("saved: ")).collect::<Vec<_>>().join("\n");
    let copy = std::fs::read_to_string(out.join("pumps.md")).unwrap();
    assert_eq!(without_time(&copy), without_time(&String::from_utf8_lossy(&single.stdout)));
    assert!(copy.contains("The work starts in March") && !copy.contains("harbour master"), "{copy}");
}

#[test]
fn several_inputs_need_an_out_dir() {
    let text = asset("samples/harbour-heat-pumps.txt");
    one_line_error(folio().arg("clean").arg(&text).arg(&text), 2, "several inputs need --out-dir");
}

#[test]
fn the_copy_names_a_file_by_its_absolute_path_and_standard_input_not_at_all() {
    let (dir, _path) =
        temp_file("story.txt", b"A title\n\nA paragraph of the story that runs on for a while, as stories do.\n");
    let out = folio().current_dir(dir.path()).args(["clean", "story.txt"]).output().unwrap();
    let copy = String::from_utf8(out.stdout).unwrap();
    let absolute = dir.path().join("story.txt");
    assert!(copy.contains(&format!("source: \"{}\"", absolute.display())), "{copy}");
    let piped = folio().args(["clean", "-"]).write_stdin("A title\n\nSome text of the story.\n").output().unwrap();
    let copy = String::from_utf8(piped.stdout).unwrap();
    assert!(!copy.contains("source:"), "{copy}");
    // A page that states its address relative (or scheme-relative) with no address to read it
    // against names itself by its file, never by a relative address.
    let page = "<html><head><meta property=\"og:url\" content=\"/spotter/blog/a\">\
        <link rel=\"canonical\" href=\"//us.yahoo.com/news/\"></head><body><article><h1>A title</h1>\
        <p>A paragraph of the story that runs on for a while, as stories do.</p></article></body></html>";
    let (dir, _path) = temp_file("page.html", page.as_bytes());
    let out = folio().current_dir(dir.path()).args(["clean", "page.html"]).output().unwrap();
    let copy = String::from_utf8(out.stdout).unwrap();
    assert!(copy.contains(&format!("source: \"{}\"", dir.path().join("page.html").display())), "{copy}");
    let piped = folio().args(["clean", "-"]).write_stdin(page).output().unwrap();
    let copy = String::from_utf8(piped.stdout).unwrap();
    assert!(!copy.contains("source:"), "{copy}");
}

#[test]
fn help_says_what_an_input_can_be() {
    let out = folio().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("HTML") && help.contains("URL") && help.contains("Markdown"), "{help}");
}

#[test]
fn clean_can_keep_a_category_and_end_with_the_claims_to_check() {
    let page = br#"<html><head><title>Harbour</title></head><body><nav><a href="/n">News</a> <a href="/s">Sport</a>
        <a href="/w">Weather</a></nav><article><h1>The harbour pump</h1>
        <p>The pump on the old ferry pier now heats 1,140 homes, the council said on Tuesday, and the bills are 23% lower
        than in 2024, when the scheme cost $4.2 million.</p>
        <p>Residents who spoke at the meeting asked whether the second pump would be built before the winter.</p>
        </article></body></html>"#;
    let (_dir, path) = temp_file("page.html", page);
    let plain = String::from_utf8(folio().arg("clean").arg(&path).output().unwrap().stdout).unwrap();
    assert!(!plain.contains("[News](/n)") && !plain.contains("Claims to check"), "{plain}");
    let out = folio().args(["clean", "--keep", "navigation", "--claims"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = String::from_utf8(out.stdout).unwrap();
    assert!(copy.contains("[News](/n) [Sport](/s)"), "{copy}");
    assert!(copy.contains("$4.2 million.[^claim-1]\n"), "{copy}");
    assert!(copy.contains("## Claims to check\n\n[^claim-1]: The pump on the old ferry pier"), "{copy}");
    assert!(copy.contains("(score ") && copy.contains("money"), "{copy}");
    let bad = folio().args(["clean", "--keep", "bogus"]).arg(&path).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a category"));
}

#[test]
fn key_remap_warnings_are_for_the_reader_not_for_clean_or_history() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "width = \"wide\"\n[keys]\njump = \"j\"\n").unwrap();
    for args in
        [vec!["clean".into(), asset("samples/harbour-heat-pumps.txt").display().to_string()], vec!["history".into()]]
    {
        let out = folio()
            .env("FOLIO_CONFIG_DIR", dir.path())
            .env("FOLIO_STATE_DIR", dir.path())
            .env("FOLIO_DATA_DIR", dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains("using the default width"), "{args:?}: {stderr}");
        assert!(!stderr.contains("[keys]") && !stderr.contains("jump"), "{args:?}: {stderr}");
    }
}

#[test]
fn no_input_and_dev_null_on_standard_input_is_the_usage_message() {
    // assert_cmd pipes standard input; the device itself needs std's Command.
    let run = |args: &[&str], stdin: std::fs::File| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("folio"))
            .env("FOLIO_CONFIG_DIR", "/nonexistent-folio-config")
            .env("FOLIO_DATA_DIR", "/nonexistent-folio-data")
            .args(args)
            .stdin(stdin)
            .output()
            .unwrap()
    };
    let null = || std::fs::File::open("/dev/null").unwrap();
    for args in [&[][..], &["clean"][..]] {
        let out = run(args, null());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("usage: folio"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    }
    // A file on standard input is read, and `-` reads even /dev/null (as nothing).
    let file = std::fs::File::open(asset("samples/harbour-heat-pumps.txt")).unwrap();
    let out = run(&["clean"], file);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("title:"), "{out:?}");
    assert!(run(&["clean", "-"], null()).status.success());
}

#[test]
fn rules_remove_takes_several_numbers_and_removes_them_at_once() {
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("learned");
    for text in ["First promotion", "Second promotion", "Third promotion", "Fourth promotion"] {
        let mark = folio::sites::Mark {
            site: "harbour.example".into(),
            text: text.into(),
            label: folio::article::Label::Ad,
            when: "2026-01-01T00:00:00Z".into(),
        };
        folio::sites::remember_mark(&folder, mark).unwrap();
    }
    let out = folio().env("FOLIO_DATA_DIR", data.path()).args(["rules", "--remove", "1", "3"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("forgot rule 1 ") && stdout.contains("forgot rule 3 "), "{stdout}");
    let listing = stdout.split("harbour.example\n").nth(1).unwrap_or_default();
    assert!(listing.contains("1  ad                \"Second promotion\""), "{stdout}");
    assert!(listing.contains("2  ad                \"Fourth promotion\""), "{stdout}");
    assert!(!listing.contains("First") && !listing.contains("Third"), "{stdout}");
    // Commas work too; a number that is no rule removes nothing.
    let out = folio().env("FOLIO_DATA_DIR", data.path()).args(["rules", "--remove", "1,9"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no learned rule 9"));
    let out = folio().env("FOLIO_DATA_DIR", data.path()).args(["rules", "--remove", "2,1"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("no learned rules yet"), "{out:?}");
}

/// `bytes` gzipped, as `gzip` writes them.
fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn a_gzipped_page_is_read_from_a_file_and_from_standard_input() {
    let page = b"<html><head><title>Harbour pump | Ledger</title></head><body><nav><a href=\"/\">Home</a></nav>\
        <article><h1>Harbour pump</h1><p>The pump on the old ferry pier now heats 1,140 homes, the council said, \
        and the bills are lower than anyone expected.</p></article></body></html>";
    let (_dir, path) = temp_file("page.html.gz", &gzipped(page));
    let out = folio().arg("clean").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let copy = String::from_utf8(out.stdout).unwrap();
    assert!(copy.contains("title: \"Harbour pump\"") && copy.contains("now heats 1,140 homes"), "{copy}");
    assert!(!copy.contains("Home"), "{copy}");
    assert_eq!(common::inspect(&path)["source"]["format"], "html");
    let out = folio().args(["clean", "-"]).write_stdin(gzipped(page)).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("now heats 1,140 homes"));
}

#[test]
fn a_gzip_file_is_capped_like_any_input_and_a_broken_one_is_one_line() {
    let bomb = gzipped(&vec![b'a'; 65 * 1024 * 1024]);
    let (_dir, path) = temp_file("bomb.txt.gz", &bomb);
    one_line_error(folio().arg("clean").arg(&path), 2, "folio reads articles of at most 67108864 bytes");
    one_line_error(folio().args(["clean", "-"]).write_stdin(bomb), 2, "at most 67108864 bytes");
    let mut broken = gzipped(b"Some words of an article.");
    broken.truncate(12);
    let (_dir, path) = temp_file("broken.txt.gz", &broken);
    one_line_error(folio().arg("clean").arg(&path), 2, "gzip");
}
