//! Reading the tab-separated data files under `ontology/`.
//!
//! Every table there follows one convention: UTF-8, `#` starts a comment
//! line, blank lines are ignored, the first other line is a header naming the
//! columns, cells are separated by tabs. [`Table::parse`] checks the header
//! and hands out rows by column name, with the file and line for errors.

use crate::error::{Error, Result};

/// A parsed TSV data file.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    /// File name, for error messages.
    pub file: String,
    columns: Vec<&'a str>,
    rows: Vec<Row<'a>>,
}

/// One data row with its 1-based line number.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    cells: Vec<&'a str>,
}

impl<'a> Table<'a> {
    /// Parses `text` (the content of `file`), requiring the `required` columns.
    pub fn parse(file: &str, text: &'a str, required: &[&str]) -> Result<Self> {
        let mut columns: Option<Vec<&str>> = None;
        let mut rows = Vec::new();
        for (idx, line) in text.lines().enumerate() {
            let line_no = idx + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            match &columns {
                None => {
                    for name in required {
                        if !cells.contains(name) {
                            return Err(Error::DataFile {
                                file: file.to_string(),
                                line: line_no,
                                message: format!(
                                    "header lacks column `{name}` (found: {})",
                                    cells.join(", ")
                                ),
                            });
                        }
                    }
                    columns = Some(cells);
                }
                Some(cols) => {
                    if cells.len() > cols.len() {
                        return Err(Error::DataFile {
                            file: file.to_string(),
                            line: line_no,
                            message: format!(
                                "{} cells but the header has {} columns",
                                cells.len(),
                                cols.len()
                            ),
                        });
                    }
                    rows.push(Row {
                        line: line_no,
                        cells,
                    });
                }
            }
        }
        let columns = columns.ok_or_else(|| Error::DataFile {
            file: file.to_string(),
            line: 1,
            message: "no header line".to_string(),
        })?;
        Ok(Table {
            file: file.to_string(),
            columns,
            rows,
        })
    }

    /// The data rows, in file order.
    pub fn rows(&self) -> &[Row<'a>] {
        &self.rows
    }

    /// The cell of `row` in `column` (empty when the row is short or the column unknown).
    pub fn get(&self, row: &Row<'a>, column: &str) -> &'a str {
        self.columns
            .iter()
            .position(|c| *c == column)
            .and_then(|i| row.cells.get(i).copied())
            .unwrap_or("")
    }

    /// An error pointing at `row`.
    pub fn error(&self, row: &Row<'a>, message: impl Into<String>) -> Error {
        Error::DataFile {
            file: self.file.clone(),
            line: row.line,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_by_column_and_skips_comments() {
        let table = Table::parse("t.tsv", "# c\nname\tkind\n\nPutin\tPerson\n", &["name"]).unwrap();
        assert_eq!(table.rows().len(), 1);
        let row = &table.rows()[0];
        assert_eq!(table.get(row, "kind"), "Person");
        assert_eq!(row.line, 4);
    }

    #[test]
    fn missing_column_names_file_and_line() {
        let err = Table::parse("t.tsv", "# c\nname\n", &["kind"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:2: header lacks column `kind` (found: name)"
        );
    }
}
