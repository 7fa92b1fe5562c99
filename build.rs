//! Builds the phone page (ui/phone.html and ui/src/phone/, the 手机查学时 page) with the UI's
//! own Vite into this build's OUT_DIR, where src/phone/page.rs embeds it. A checkout whose
//! UI packages are not installed uses ui/dist-phone (`npm run build`) instead, or stops with
//! the command to run.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: [&str; 3] = ["phone.html", "phone.js", "phone.css"];

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let ui = root.join("ui");
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("phone");
    for watched in [
        "ui/phone.html",
        "ui/src/phone",
        "ui/vite.phone.config.ts",
        "ui/src/locales/zh-CN/phone.json",
        "ui/package-lock.json",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let vite = ui.join("node_modules/vite/bin/vite.js");
    if vite.exists() {
        let status = Command::new("node")
            .arg(&vite)
            .args([
                "build",
                "--config",
                "vite.phone.config.ts",
                "--logLevel",
                "warn",
            ])
            .arg("--outDir")
            .arg(&out)
            .current_dir(&ui)
            .status();
        match status {
            Ok(s) if s.success() && built(&out) => return,
            Ok(s) => panic!("building the phone page failed ({s}): run `cd ui && npx vite build --config vite.phone.config.ts` to see why"),
            Err(e) => panic!("building the phone page needs Node.js (`node`): {e}"),
        }
    }
    let prebuilt = ui.join("dist-phone");
    if built(&prebuilt) {
        println!("cargo:rerun-if-changed=ui/dist-phone");
        fs::create_dir_all(&out).expect("OUT_DIR is writable");
        for file in FILES {
            fs::copy(prebuilt.join(file), out.join(file)).expect("OUT_DIR is writable");
        }
        return;
    }
    panic!(
        "the phone page (手机查学时) is not built and the UI's packages are not installed: \
         run `cd ui && npm ci && npm run build` (or .ci/setup), then cargo again"
    );
}

fn built(dir: &Path) -> bool {
    FILES.iter().all(|f| dir.join(f).is_file())
}
