//! The loopback HTTP adapter over the command table, also serving the built UI.
