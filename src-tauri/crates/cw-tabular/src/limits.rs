//! Size limits for imports, so a wrong or hostile file is refused with a message instead of
//! exhausting memory.

/// Largest file accepted for import, in bytes (20 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Most data rows (not counting the header) accepted in one import.
pub const MAX_DATA_ROWS: usize = 100_000;

/// Most columns a header may have.
pub const MAX_COLUMNS: usize = 1_000;

/// Most non-empty cells in one import (guards against a small file that expands hugely).
pub const MAX_CELLS: usize = 5_000_000;

/// Largest total uncompressed size of the parts inside an .xlsx zip (guards against zip bombs).
pub const MAX_UNZIPPED_BYTES: u64 = 400 * 1024 * 1024;

/// Largest uncompressed size of any one part inside a workbook zip (a worksheet's XML, the
/// shared strings), checked from the zip directory before anything is read: 100 MB of XML holds
/// more than [`MAX_DATA_ROWS`] rows of our widest import, and reading it takes a few seconds,
/// where a 271 MB sheet took over six seconds and as many megabytes of memory.
pub const MAX_PART_UNZIPPED_BYTES: u64 = 100 * 1024 * 1024;
