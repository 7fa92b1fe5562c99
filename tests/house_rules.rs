//! The house rules that can be checked by reading the tree: the app's command list agrees in
//! every place it is written (the build script, the handler list, the capability file, the
//! UI's calls); no core module reads the calendar clock outside `ids`; every Rust module's
//! first line says what it is for; ARCHITECTURE.md names every migration, CLI file, UI store
//! and UI util.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` whose name ends with one of `exts`, skipping `skip` folders.
fn files(dir: &Path, exts: &[&str], skip: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !skip.contains(&name.as_str()) {
                    stack.push(path);
                }
            } else if exts.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = from + text[from..].find(end).unwrap_or_else(|| panic!("no {end}"));
    &text[from..to]
}

/// Double-quoted words (`"app_info"`) in `text`.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The command names the UI passes to `call`/`callWithBody` (`call<T>('name', …)`).
fn ui_calls(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("call") {
        let word_start = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !word_start {
            continue;
        }
        let rest = &text[i + 4..];
        let rest = rest.strip_prefix("WithBody").unwrap_or(rest);
        let rest = match rest.strip_prefix('<') {
            // Generics may nest (`call<Array<Foo>>(`): skip to the matching '>'.
            Some(mut r) => {
                let mut depth = 1;
                while depth > 0 {
                    let Some(c) = r.chars().next() else { break };
                    depth += match c {
                        '<' => 1,
                        '>' => -1,
                        '(' | ';' | '\n' if depth > 0 => break,
                        _ => 0,
                    };
                    r = &r[c.len_utf8()..];
                }
                r
            }
            None => rest,
        };
        let Some(rest) = rest.strip_prefix("('") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if rest[name.len()..].starts_with('\'') && !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_command_list_agrees_in_the_build_script_handlers_capabilities_and_ui() {
    let tauri = root().join("src-tauri");
    let build = quoted(between(
        &read(&tauri.join("build.rs")),
        "const COMMANDS",
        "];",
    ));
    assert!(build.len() > 50, "{build:?}");

    let lib = read(&tauri.join("src/lib.rs"));
    let handlers: BTreeSet<String> = between(&lib, "generate_handler![", "]")
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect();
    assert_eq!(
        handlers, build,
        "generate_handler! and build.rs COMMANDS differ"
    );

    let capabilities: serde_json::Value =
        serde_json::from_str(&read(&tauri.join("capabilities/main.json"))).unwrap();
    let allowed: BTreeSet<String> = capabilities["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(allowed, build, "capabilities/main.json and build.rs differ");

    let mut called = BTreeSet::new();
    for file in files(&root().join("ui/src"), &[".ts", ".vue"], &["generated"]) {
        let name = file.to_string_lossy();
        if name.ends_with(".test.ts") || name.contains("test-utils") {
            continue;
        }
        called.extend(ui_calls(&read(&file)));
    }
    let unknown: Vec<_> = called.difference(&build).collect();
    assert!(
        unknown.is_empty(),
        "the UI calls unregistered commands: {unknown:?}"
    );
    let unused: Vec<_> = build.difference(&called).collect();
    assert!(
        unused.is_empty(),
        "registered but never called by the UI: {unused:?}"
    );
}

#[test]
fn the_ui_call_scanner_reads_generics_and_bodies() {
    let text = "export const a = () => call<Array<Foo>>('one_two', {});\n\
                callWithBody<X>('three', bytes, {}); call('four'); recall('no'); call(name);";
    let got: Vec<_> = ui_calls(text).into_iter().collect();
    assert_eq!(got, ["four", "one_two", "three"]);
}

#[test]
fn no_core_module_reads_the_calendar_clock_outside_ids() {
    // Rules take "today" as a parameter; the clock is read in `ids` (timestamps for audit
    // columns, local time for backup names) and nowhere else in the core. Staleness of a
    // killed backup's temporary file is judged by its age (backup.rs), not by a date.
    const READS: [&str; 5] = [
        "Utc::now",
        "Local::now",
        "SystemTime::now",
        "Utc::today",
        "Local::today",
    ];
    let mut found = Vec::new();
    for file in files(&root().join("src"), &[".rs"], &["bin"]) {
        if file.ends_with("src/ids.rs") {
            continue;
        }
        for (n, line) in read(&file).lines().enumerate() {
            let code = line.split("//").next().unwrap();
            if READS.iter().any(|r| code.contains(r)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the clock read outside ids.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_rust_module_says_what_it_is_for_on_its_first_line() {
    let mut silent = Vec::new();
    for dir in ["src", "src-tauri/src", "tests", "benches"] {
        for file in files(&root().join(dir), &[".rs"], &[]) {
            let text = read(&file);
            let first = text.lines().next().unwrap_or_default();
            let is_main = file.ends_with("src-tauri/src/main.rs");
            if !(first.starts_with("//!") || is_main && first.starts_with("//")) {
                silent.push(file.display().to_string());
            }
        }
    }
    assert!(silent.is_empty(), "no //! line first: {silent:?}");
}

#[test]
fn the_architecture_map_names_every_migration_cli_file_store_and_util() {
    let map = read(&root().join("ARCHITECTURE.md"));
    let mut missing = Vec::new();
    for file in files(&root().join("src/db/migrations"), &[".sql"], &[]) {
        // A migration is named by its number (0012 ...).
        let number = &file.file_name().unwrap().to_string_lossy()[..4];
        if !map.contains(number) {
            missing.push(file.display().to_string());
        }
    }
    for (dir, exts) in [
        ("src/bin/zhibu", &[".rs"][..]),
        ("ui/src/stores", &[".ts"][..]),
        ("ui/src/utils", &[".ts"][..]),
    ] {
        for file in files(&root().join(dir), exts, &[]) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".test.ts") {
                continue;
            }
            if !map.contains(&name) {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name: {missing:?}"
    );
}
