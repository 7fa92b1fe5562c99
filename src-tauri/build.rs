// Declares the app's own commands so the capability file can grant exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "branch_get",
    "branch_create",
    "branch_update",
    "demo_create",
    "group_list",
    "group_add",
    "group_update",
    "member_list",
    "member_get",
    "member_add",
    "member_update",
    "member_archive",
    "session_list",
    "session_get",
    "session_preview",
    "session_add",
    "session_update",
    "compliance_get",
    "obligation_rules_get",
    "obligation_rules_save",
    "member_attendance",
    "activity_list",
    "activity_get",
    "activity_add",
    "activity_next_issue",
    "attachment_add",
    "attachment_list",
    "attachment_read",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
