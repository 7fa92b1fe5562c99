//! Files she saves: the native save dialog (opening in the Documents folder, the file named
//! as the window proposes), the file written atomically where she chose, and her file manager
//! showing it afterwards (「打开所在文件夹」).
//!
//! Files she opens (a backup to restore, a spreadsheet to import) are chosen in the native open
//! dialog too, and read by the Rust side from the path chosen.
//!
//! Test seams: `ZHIBU_TEST_SAVE_DIR`, read once at start, answers every save dialog with
//! `<dir>/<proposed name>` without showing one, since a native dialog cannot be driven from a
//! test; `ZHIBU_TEST_OPEN_FILE` answers every open dialog with that path. They are for tests
//! only (ARCHITECTURE.md).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::ipc::Request;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use zhibu::backup::{self, BackupKind};
use zhibu::error::ErrorCode;
use zhibu::ids::local_now;
use zhibu::{Error, Reason};

use super::raw_body::{file_in, header, percent_decode};
use crate::error::{CmdResult, IpcError};
use crate::state::AppState;

/// The environment variables of the test seams (see the module's comment).
pub const TEST_SAVE_DIR: &str = "ZHIBU_TEST_SAVE_DIR";
pub const TEST_OPEN_FILE: &str = "ZHIBU_TEST_OPEN_FILE";

/// How file dialogs are answered: by the native dialog, or (tests) by a fixed folder or file.
#[derive(Debug, Default)]
pub struct FileDialogs {
    test_save_dir: Option<PathBuf>,
    test_open_file: Option<PathBuf>,
}

/// One line of the open dialog's file-type list: its label and the extensions it shows.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

impl FileDialogs {
    /// Reads the test seams once, at start.
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        FileDialogs {
            test_save_dir: var(TEST_SAVE_DIR),
            test_open_file: var(TEST_OPEN_FILE),
        }
    }

    /// The file she chose to open, or `None` when she cancelled.
    fn pick_open<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        filters: &[FileFilter],
        title: &str,
    ) -> Option<PathBuf> {
        if let Some(path) = &self.test_open_file {
            return Some(path.clone());
        }
        let path = app.path();
        let mut dialog = app.dialog().file();
        if !title.is_empty() {
            dialog = dialog.set_title(title);
        }
        if let Some(dir) = default_folder(path.document_dir().ok(), path.home_dir().ok()) {
            dialog = dialog.set_directory(dir);
        }
        for f in filters {
            let exts: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
            dialog = dialog.add_filter(&f.name, &exts);
        }
        if let Some(window) = app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_pick_file()?.into_path().ok()
    }

    /// The seam's answer for a file proposed as `name`: `<dir>/<name>`, made safe.
    fn seam_path(&self, name: &str) -> Option<PathBuf> {
        Some(self.test_save_dir.as_ref()?.join(safe_file_name(name)))
    }

    /// Where to save a file proposed as `name`: the path she chose, or `None` when she cancelled.
    /// The native dialog has asked her before answering with a file that exists.
    fn pick_save<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        name: &str,
        filter: &str,
    ) -> Option<PathBuf> {
        let name = safe_file_name(name);
        if let Some(path) = self.seam_path(&name) {
            return Some(path);
        }
        let path = app.path();
        let mut dialog = app.dialog().file().set_file_name(&name);
        if let Some(dir) = default_folder(path.document_dir().ok(), path.home_dir().ok()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(ext) = Path::new(&name).extension().and_then(|e| e.to_str()) {
            dialog = dialog.add_filter(filter, &[ext]);
        }
        if let Some(window) = app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_save_file()?.into_path().ok()
    }
}

/// A file written where she chose: its full path (for 「打开所在文件夹」) and its name.
#[derive(Debug, Serialize, PartialEq)]
pub struct SavedFile {
    pub path: String,
    pub file_name: String,
}

impl SavedFile {
    fn of(path: &Path) -> Self {
        SavedFile {
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// Saves the bytes sent as the body (an .xlsx the core made, a template) where she chooses:
/// the save dialog proposes the name in `x-file-name` in the Documents folder, filtered by the
/// name's extension under the label in `x-file-filter`. `None` when she cancelled: nothing is
/// written.
#[tauri::command(async)]
pub fn file_save<R: Runtime>(
    app: AppHandle<R>,
    dialogs: State<'_, FileDialogs>,
    request: Request<'_>,
) -> CmdResult<Option<SavedFile>> {
    let (name, bytes) = file_in(&request, "file")?;
    let filter = header(&request, "x-file-filter")
        .ok()
        .and_then(percent_decode)
        .unwrap_or_default();
    let Some(path) = dialogs.pick_save(&app, &name, &filter) else {
        return Ok(None);
    };
    write_atomic(&path, bytes)?;
    Ok(Some(SavedFile::of(&path)))
}

/// 立即备份: a checked copy of the data where she chooses (proposed in the Documents folder,
/// named as the backups beside the database are). A file already there is replaced only when
/// she confirmed it in the dialog. The daily backups stay in the backups folder.
#[tauri::command(async)]
pub fn backup_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    dialogs: State<'_, FileDialogs>,
    filter: String,
) -> CmdResult<Option<SavedFile>> {
    let db = state.db()?;
    let name = backup::file_name(&state.db_path, BackupKind::Manual, local_now(), 1);
    let Some(path) = dialogs.pick_save(&app, &name, &filter) else {
        return Ok(None);
    };
    // The dialog asked before answering with a file that exists; the seam stands for a yes.
    let replace = path.exists();
    backup::backup_to(&db, BackupKind::Manual, Some(&path), replace, local_now())?;
    Ok(Some(SavedFile::of(&path)))
}

/// The native open dialog (opening in the Documents folder, showing the file types in
/// `filters`): the path she chose, or `None` when she cancelled. The file is then read by the
/// command that uses it (`backup_stage_path`, `roster_import_read_path`, ...).
#[tauri::command(async)]
pub fn file_open<R: Runtime>(
    app: AppHandle<R>,
    dialogs: State<'_, FileDialogs>,
    filters: Vec<FileFilter>,
    title: Option<String>,
) -> CmdResult<Option<String>> {
    Ok(dialogs
        .pick_open(&app, &filters, title.as_deref().unwrap_or_default())
        .map(|p| p.display().to_string()))
}

/// A chosen file's name and bytes; a file that cannot be read is named in Chinese.
pub fn read_chosen(path: &str) -> Result<(String, Vec<u8>), IpcError> {
    let path = Path::new(path);
    let bytes = fs::read(path).map_err(|e| file_error(ErrorCode::FileRead, path, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// 打开所在文件夹: the file manager showing the folder with the file selected.
#[tauri::command(async)]
pub fn file_reveal<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<()> {
    let path = PathBuf::from(path);
    if !path.exists() {
        return Err(file_error(
            ErrorCode::FileRead,
            &path,
            &io::ErrorKind::NotFound.into(),
        ));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        file_error(
            ErrorCode::FileReveal,
            &path,
            &io::Error::other(e.to_string()),
        )
    })
}

/// The folder the save dialog opens in: the Documents folder when it exists, else home.
pub fn default_folder(documents: Option<PathBuf>, home: Option<PathBuf>) -> Option<PathBuf> {
    documents.filter(|d| d.is_dir()).or(home)
}

/// A proposed name made safe for every file system: no folder separators or characters that
/// Windows refuses, no leading dots (hidden files), never empty.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        "zhibu".into()
    } else {
        cleaned
    }
}

/// Writes `bytes` to `path` so that it is either untouched or whole: into a temporary file in
/// the same folder, synced, then renamed over it. A failure names the path in Chinese.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| IpcError::from(Error::validation("file", Reason::InvalidValue)))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> io::Result<()> {
        let mut file: File = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        file_error(ErrorCode::FileWrite, path, &e)
    })
}

/// A file that could not be written, read or shown, its path and the cause in Chinese.
fn file_error(code: ErrorCode, path: &Path, e: &io::Error) -> IpcError {
    let cause = match e.kind() {
        io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        io::ErrorKind::NotFound => "文件或文件夹不存在".to_string(),
        io::ErrorKind::StorageFull => "磁盘空间不足".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "磁盘为只读".to_string(),
        io::ErrorKind::IsADirectory => "这是一个文件夹".to_string(),
        _ => e.to_string(),
    };
    let detail = format!("{}（{cause}）", path.display());
    IpcError {
        code,
        message: match code {
            ErrorCode::FileWrite => format!("文件未能保存：{detail}"),
            ErrorCode::FileReveal => format!("未能打开所在文件夹：{detail}"),
            _ => format!("找不到文件：{detail}"),
        },
        field: None,
        reason: None,
        row: None,
        details: vec![detail],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seam_is_read_from_the_environment_only_when_set() {
        assert_eq!(FileDialogs::default().test_save_dir, None);
        std::env::set_var(TEST_SAVE_DIR, "/tmp/zhibu-saves");
        let set = FileDialogs::from_env();
        std::env::set_var(TEST_SAVE_DIR, "");
        let empty = FileDialogs::from_env();
        std::env::remove_var(TEST_SAVE_DIR);
        assert_eq!(set.test_save_dir, Some(PathBuf::from("/tmp/zhibu-saves")));
        assert_eq!(empty.test_save_dir, None);
        assert_eq!(
            set.seam_path("支部/2026年台账.xlsx"),
            Some(PathBuf::from("/tmp/zhibu-saves/支部_2026年台账.xlsx"))
        );
        assert_eq!(empty.seam_path("台账.xlsx"), None);
    }

    #[test]
    fn the_open_seam_answers_with_its_file() {
        assert_eq!(FileDialogs::default().test_open_file, None);
        std::env::set_var(TEST_OPEN_FILE, "/tmp/花名册.xlsx");
        let set = FileDialogs::from_env();
        std::env::remove_var(TEST_OPEN_FILE);
        assert_eq!(set.test_open_file, Some(PathBuf::from("/tmp/花名册.xlsx")));
    }

    #[test]
    fn a_chosen_file_is_read_with_its_name_or_named_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("学时.csv");
        fs::write(&path, "姓名,学时\n").unwrap();
        let (name, bytes) = read_chosen(&path.display().to_string()).unwrap();
        assert_eq!(
            (name.as_str(), bytes.as_slice()),
            ("学时.csv", "姓名,学时\n".as_bytes())
        );
        let gone = dir.path().join("没有.csv");
        let e = read_chosen(&gone.display().to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::FileRead);
        assert!(e.message.starts_with("找不到文件："), "{}", e.message);
    }

    #[test]
    fn the_dialog_opens_in_documents_when_it_exists_else_home() {
        let home = tempfile::tempdir().unwrap();
        let docs = home.path().join("文档");
        let h = Some(home.path().to_path_buf());
        assert_eq!(
            default_folder(Some(docs.clone()), h.clone()),
            h,
            "missing Documents"
        );
        fs::create_dir(&docs).unwrap();
        assert_eq!(default_folder(Some(docs.clone()), h.clone()), Some(docs));
        assert_eq!(default_folder(None, h.clone()), h);
        assert_eq!(default_folder(None, None), None);
    }

    #[test]
    fn proposed_names_are_made_safe() {
        for (given, safe) in [
            ("永川区党支部2026年台账.xlsx", "永川区党支部2026年台账.xlsx"),
            ("  a/b\\c:d*e?f\"g<h>i|j.xlsx ", "a_b_c_d_e_f_g_h_i_j.xlsx"),
            ("../x.xlsx", "_x.xlsx"),
            (".hidden", "hidden"),
            ("tab\there", "tab_here"),
            ("", "zhibu"),
            ("...", "zhibu"),
        ] {
            assert_eq!(safe_file_name(given), safe, "{given:?}");
        }
    }

    #[test]
    fn writes_whole_files_and_replaces_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["台账.xlsx"], "no temporary file left behind");
    }

    #[test]
    fn a_failed_write_names_the_path_in_chinese_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有这个文件夹").join("台账.xlsx");
        let e = write_atomic(&path, b"x").unwrap_err();
        assert_eq!(e.code, ErrorCode::FileWrite);
        assert_eq!(
            e.details,
            [format!("{}（文件或文件夹不存在）", path.display())]
        );
        assert!(e.message.starts_with("文件未能保存："), "{}", e.message);
        assert!(!path.parent().unwrap().exists());
        // A folder where the file should go: the folder is left as it was.
        let taken = dir.path().join("taken.xlsx");
        fs::create_dir(&taken).unwrap();
        let e = write_atomic(&taken, b"x").unwrap_err();
        assert_eq!(e.code, ErrorCode::FileWrite);
        assert!(e.details[0].starts_with(&taken.display().to_string()));
        assert!(taken.is_dir());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temp removed");
    }

    #[test]
    fn saved_files_carry_path_and_name() {
        let s = SavedFile::of(Path::new("/home/她/文档/台账.xlsx"));
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            serde_json::json!({"path": "/home/她/文档/台账.xlsx", "file_name": "台账.xlsx"})
        );
    }
}
