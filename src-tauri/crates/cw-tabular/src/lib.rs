//! Tabular files: reading .xlsx/.csv (UTF-8 or GBK) for import, writing .xlsx and CSV for export.
