//! What the queries over many rows share: a text column read without copying, and a WHERE
//! clause built from only the conditions asked for.

/// A text column borrowed from the row, for loops over many rows that should not copy it.
pub(crate) fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    Ok(r.get_ref(i)?.as_str()?)
}

/// A WHERE clause of only the conditions a query asks for, each with its text value: written
/// this way rather than `(?n IS NULL OR column = ?n)`, which keeps SQLite from using an index.
#[derive(Default)]
pub(crate) struct Filter {
    conditions: Vec<String>,
    args: Vec<rusqlite::types::Value>,
}

impl Filter {
    /// Adds a condition with one `?`, which becomes the value's numbered parameter.
    pub(crate) fn and(&mut self, condition: &str, value: impl Into<String>) {
        let n = self.param(value);
        self.conditions.push(condition.replace('?', &n));
    }

    /// Adds a value used elsewhere in the statement (a column, a join) and returns its
    /// placeholder, `?n`.
    pub(crate) fn param(&mut self, value: impl Into<String>) -> String {
        self.args.push(rusqlite::types::Value::Text(value.into()));
        format!("?{}", self.args.len())
    }

    /// The conditions joined by AND (`1` when there are none).
    pub(crate) fn sql(&self) -> String {
        if self.conditions.is_empty() {
            "1".into()
        } else {
            self.conditions.join(" AND ")
        }
    }

    pub(crate) fn params(
        &self,
    ) -> rusqlite::ParamsFromIter<std::slice::Iter<'_, rusqlite::types::Value>> {
        rusqlite::params_from_iter(self.args.iter())
    }
}
