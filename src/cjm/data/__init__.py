"""The data files customers and tools produce (survey exports, spreadsheets, analytics event
exports), opened as DuckDB tables for every command that computes from them: measure and trace.
Imported only by those commands, with DuckDB."""
