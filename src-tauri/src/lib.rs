//! The desktop shell: opens the database, registers the thin IPC commands, shows the window.

use std::sync::{Arc, OnceLock};

use tauri::Manager;

mod commands;
pub mod error;
mod state;

pub use state::AppState;

pub fn run() {
    render_without_compositing();
    let db_path = zhibu::db::default_path();
    // One window per database: a second start shows the first one's window and ends.
    let handle: Arc<OnceLock<tauri::AppHandle>> = Arc::default();
    let focus_handle = Arc::clone(&handle);
    let _instance = match zhibu::instance::claim(&db_path, move || {
        let Some(window) = focus_handle
            .get()
            .and_then(|h| h.get_webview_window("main"))
        else {
            return false;
        };
        let _ = window.unminimize();
        let _ = window.show();
        window.set_focus().is_ok()
    }) {
        Ok(zhibu::instance::Claim::First(guard)) => Some(guard),
        Ok(zhibu::instance::Claim::AlreadyRunning) => {
            println!(
                "支部工作台已在运行（{}），已切换到已打开的窗口",
                db_path.display()
            );
            return;
        }
        // Without the lock file (a read-only folder) the app still opens; the database
        // reports its own problem.
        Err(e) => {
            eprintln!("无法建立单实例锁：{e}");
            None
        }
    };
    let state = AppState::open(db_path);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Remembers the window's size and place between starts.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(state)
        .manage(commands::files::FileDialogs::from_env())
        .manage(commands::phone::PhoneShare::default())
        .setup(move |app| {
            let _ = handle.set(app.handle().clone());
            commands::superior::start_daily_report(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::app_open_data_folder,
            commands::app::app_rendered,
            commands::branch::branch_get,
            commands::branch::branch_create,
            commands::branch::branch_update,
            commands::branch::demo_create,
            commands::branch::group_list,
            commands::branch::group_add,
            commands::branch::group_update,
            commands::members::member_list,
            commands::members::member_get,
            commands::members::member_add,
            commands::members::member_update,
            commands::members::member_archive,
            commands::sessions::session_list,
            commands::sessions::session_get,
            commands::sessions::session_preview,
            commands::sessions::session_add,
            commands::sessions::session_update,
            commands::sessions::compliance_get,
            commands::sessions::obligation_rules_get,
            commands::sessions::obligation_rules_save,
            commands::sessions::member_attendance,
            commands::activities::activity_list,
            commands::activities::activity_get,
            commands::activities::activity_add,
            commands::activities::activity_next_issue,
            commands::activities::activity_facets,
            commands::attachments::attachment_add,
            commands::attachments::attachment_list,
            commands::attachments::attachment_read,
            commands::study::study_report,
            commands::study::study_credits,
            commands::study::study_entry_add,
            commands::study::study_entries_add,
            commands::study::study_entry_delete,
            commands::study::study_targets_get,
            commands::study::study_targets_save,
            commands::study::study_accrual_get,
            commands::study::study_accrual_save,
            commands::study::study_exempt,
            commands::study::study_lift_exemption,
            commands::study::self_check_settings,
            commands::study::self_check_mode,
            commands::study::self_check_mode_set,
            commands::study::member_pin_set,
            commands::study::self_check_open,
            commands::study::study_import_preview,
            commands::study::study_import_commit,
            commands::strengths::strengths_assess,
            commands::strengths::strengths_trend,
            commands::strengths::strengths_attest,
            commands::strengths::strengths_withdraw,
            commands::strengths::strengths_template_get,
            commands::strengths::strengths_template_assign,
            commands::strengths::strengths_template_load,
            commands::strengths::strengths_template_reset,
            commands::strengths::strengths_export,
            commands::strengths::indicator_list,
            commands::strengths::indicator_save,
            commands::strengths::indicator_delete,
            commands::strengths::indicator_value_record,
            commands::strengths::indicator_value_delete,
            commands::strengths::honour_list,
            commands::strengths::honour_add,
            commands::strengths::honour_delete,
            commands::backup::backup_list,
            commands::backup::data_verify,
            commands::backup::backup_create,
            commands::backup::backup_preview,
            commands::backup::backup_restore,
            commands::backup::backup_start_over,
            commands::dues::dues_report,
            commands::dues::dues_compute,
            commands::dues::dues_declare,
            commands::dues::dues_record,
            commands::alarms::alarms_get,
            commands::superior::superior_status,
            commands::superior::superior_connection_get,
            commands::superior::superior_connection_save,
            commands::superior::superior_connection_import,
            commands::superior::superior_report_push,
            commands::superior::superior_received,
            commands::superior::superior_adopt,
            commands::council::council_connection_get,
            commands::council::council_connection_save,
            commands::council::council_connection_import,
            commands::council::council_connection_forget,
            commands::council::council_overview,
            commands::council::council_branch,
            commands::council::council_overview_export,
            commands::pipeline::pipeline_report,
            commands::pipeline::pipeline_record,
            commands::members::roster_import_preview,
            commands::members::roster_import_commit,
            commands::members::roster_import_template,
            commands::strengths::ledger_export,
            commands::strengths::ledger_book,
            commands::backup::backup_recover,
            commands::sessions::session_sign_in,
            commands::sessions::session_sign_in_xlsx,
            commands::app::record_history,
            commands::vault::lock_status,
            commands::vault::unlock,
            commands::vault::lock,
            commands::vault::password_set,
            commands::vault::password_change,
            commands::vault::password_recover,
            commands::vault::recovery_key_renew,
            commands::vault::password_remove,
            commands::vault::idle_minutes_set,
            commands::calendar::missed_confirm,
            commands::calendar::missed_undo,
            commands::calendar::contact_list,
            commands::calendar::contact_set,
            commands::members::member_exclude,
            commands::members::member_sanction,
            commands::sessions::session_kind_list,
            commands::sessions::session_kind_add,
            commands::files::file_save,
            commands::files::backup_save,
            commands::files::file_reveal,
            commands::activities::activity_update,
            commands::dues::dues_pay_all,
            commands::study::study_hours_export,
            commands::committee::committee_get,
            commands::committee::committee_set_role,
            commands::committee::committee_end_role,
            commands::committee::committee_from_election,
            commands::committee::stage_from_resolution,
            commands::sessions::session_template,
            commands::sessions::session_group_month,
            commands::sessions::session_add_groups,
            commands::operator::operator_status,
            commands::operator::operator_set,
            commands::files::file_open,
            commands::members::roster_import_read_path,
            commands::study::study_import_read_path,
            commands::backup::backup_stage_path,
            commands::phone::phone_addresses,
            commands::phone::phone_share_start,
            commands::phone::phone_share_stop,
            commands::phone::phone_share_status,
            commands::phone::phone_lookups,
            commands::study::study_statement_png,
        ])
        .build(tauri::generate_context!())
        .expect("error while building the Zhibu window")
        .run(|app, event| {
            // 手机查学时 ends with the app.
            if let tauri::RunEvent::Exit = event {
                app.state::<commands::phone::PhoneShare>().stop();
            }
        });
}

/// On Linux, WebKitGTK draws the page without accelerated compositing unless the user has
/// chosen otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0`). The app's pages are forms and
/// tables with no animation to gain from it, and composited layers cost its web process
/// about 130 MB (scripts/measure-app, BENCHMARKS.md); it also spares the blank windows that
/// compositing gives on some graphics drivers and virtual machines. Called first thing, while
/// the process has one thread, as setting the environment requires.
fn render_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

#[cfg(test)]
mod tests {
    /// The window opens whole on a 1366×768 screen, the commonest office laptop's, leaving room
    /// for the title bar and a taskbar or top panel (about 88 pixels together).
    #[test]
    fn the_window_fits_a_1366_by_768_screen() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let w = &conf["app"]["windows"][0];
        let size = |k: &str| w[k].as_f64().unwrap();
        assert!(size("width") <= 1366.0, "width {}", size("width"));
        assert!(size("height") + 88.0 <= 768.0, "height {}", size("height"));
        assert!(size("minWidth") <= size("width"));
        assert!(size("minHeight") <= size("height"));
    }
}
