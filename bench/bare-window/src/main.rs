//! A bare Tauri window showing an empty page: what `scripts/measure-app` compares the app's
//! start and memory with. The page reports its first frame through one command, which prints
//! `zhibu-rendered bare <ms since start> <ms since the page began loading>` as the app does with `ZHIBU_STARTUP_REPORT` set.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::Instant;

#[tauri::command]
fn rendered(started: tauri::State<'_, Instant>, since_navigation_ms: u64) {
    println!(
        "zhibu-rendered bare {} {since_navigation_ms}",
        started.elapsed().as_millis()
    );
}

fn main() {
    tauri::Builder::default()
        .manage(Instant::now())
        .invoke_handler(tauri::generate_handler![rendered])
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
