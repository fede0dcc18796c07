//! PDF documents: A4 pages with the Chinese font subset into each file.
