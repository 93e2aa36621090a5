//! Installed like a CLI: the minimum Rust version is the truth about the locked dependencies,
//! and the shell completions and man page name every command, flag and environment variable
//! that `--help` does (they are all made from the one clap definition).

mod common;

use common::folio;
use std::collections::BTreeSet;

/// `--help` of folio and of each command, as the binary prints it.
fn help(args: &[&str]) -> String {
    let out = folio().args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The commands `folio --help` lists (`help` is clap's own and has no page of its own).
fn commands() -> Vec<String> {
    let top = help(&[]);
    let list = top.split("Commands:").nth(1).unwrap().split("\n\n").next().unwrap();
    list.lines().filter_map(|l| l.split_whitespace().next()).filter(|c| *c != "help").map(str::to_string).collect()
}

/// Every long flag `--help` names, of folio and of each command.
fn flags() -> BTreeSet<String> {
    let flag = regex::Regex::new(r"(?m)^\s+(?:-\w, )?(--[a-z][a-z-]+)").unwrap();
    let mut pages = vec![help(&[])];
    pages.extend(commands().iter().map(|c| help(&[c.as_str()])));
    pages.iter().flat_map(|p| flag.captures_iter(p).map(|c| c[1].to_string()).collect::<Vec<_>>()).collect()
}

#[test]
fn completions_for_bash_zsh_and_fish_name_every_command_and_flag() {
    let commands = commands();
    assert!(commands.len() >= 6 && commands.iter().any(|c| c == "completions"), "{commands:?}");
    let flags = flags();
    assert!(flags.contains("--out-dir") && flags.contains("--claim-threshold"), "{flags:?}");
    for shell in ["bash", "zsh", "fish"] {
        let out = folio().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: {command} missing");
        }
        for flag in &flags {
            // fish writes `-l out-dir` for `--out-dir`.
            let long = flag.trim_start_matches('-');
            assert!(
                script.contains(flag.as_str()) || script.contains(&format!("-l {long}")),
                "{shell}: {flag} missing"
            );
        }
    }
    let out = folio().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown shell is a usage error");
}

#[test]
fn the_man_page_names_every_command_flag_and_environment_variable() {
    let out = folio().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("\n.TH folio 1"), "{}", &page[..200.min(page.len())]);
    // roff writes a hyphen as `\-`.
    let plain = page.replace("\\-", "-");
    for command in commands() {
        assert!(plain.contains(&format!("FOLIO {}", command.to_uppercase())), "{command} has no section");
    }
    for flag in flags() {
        assert!(plain.contains(&flag), "{flag} missing from the man page");
    }
    let help = help(&[]);
    for variable in [
        "FOLIO_CONFIG_DIR",
        "FOLIO_STATE_DIR",
        "FOLIO_DATA_DIR",
        "NO_COLOR",
        "BROWSER",
        "ALL_PROXY",
        "HTTPS_PROXY",
        "HTTP_PROXY",
        "NO_PROXY",
    ] {
        assert!(plain.contains(variable), "{variable} missing from the man page");
        assert!(help.contains(variable), "{variable} missing from --help");
    }
}

/// A version `1.88` or `1.88.0` as numbers to compare.
fn version(text: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text.split('.').map(|p| p.parse().unwrap()).collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn rust_version_is_not_below_any_locked_dependency() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let ours = packages.iter().find(|p| p["name"] == "folio").unwrap();
    let ours = version(ours["rust_version"].as_str().expect("Cargo.toml states rust-version"));
    for package in packages {
        if let Some(needed) = package["rust_version"].as_str() {
            assert!(version(needed) <= ours, "{} {} needs Rust {needed}", package["name"], package["version"]);
        }
    }
}

#[test]
fn the_readme_installs_with_one_line_and_lists_the_environment_help_lists() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let installs: Vec<&str> = readme.lines().map(str::trim).filter(|l| l.starts_with("cargo install")).collect();
    assert_eq!(installs, ["cargo install --path . --locked"]);
    let table: BTreeSet<String> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| variable | what it does |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|l| {
            l.split('|').nth(1).unwrap().split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    let help = help(&[]);
    let listed: BTreeSet<String> = help
        .split("Environment:")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.split("  ").find(|p| !p.trim().is_empty()))
        .flat_map(|names| names.split(", ").map(|n| n.trim().to_string()).collect::<Vec<_>>())
        .collect();
    assert_eq!(table, listed, "README's environment table (left) against --help (right)");
}
