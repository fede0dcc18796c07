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
