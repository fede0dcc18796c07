//! Use-cases of 创卫办公台 and the one command table every adapter shares.
