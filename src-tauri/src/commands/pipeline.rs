//! 发展党员: each person's next step on the path, and recording a dated step.

use tauri::State;
use zhibu::pipeline::{self, PipelineReport, StepDone, StepInput};

use super::year_as_of;
use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn pipeline_report(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> CmdResult<PipelineReport> {
    let (_, as_of) = year_as_of(None, as_of)?;
    Ok(state.db()?.read(|conn| pipeline::report(conn, as_of))?)
}

#[tauri::command(async)]
pub fn pipeline_record(state: State<'_, AppState>, input: StepInput) -> CmdResult<StepDone> {
    Ok(state
        .db()?
        .write(|tx| pipeline::record_step(tx, &input, today(), &state.actor()))?)
}
