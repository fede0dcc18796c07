//! 迎检: what the higher-level inspection reads first. The complaint register (群众举报、来信来访、
//! 媒体曝光) with its handling, figures and printed ledger; the meeting records with their sign-in
//! sheets; publicity actions; the 卫生社区 standard and the self-checks against it; household
//! surveys.

pub mod complaints;
pub mod demo;
pub mod documents;
pub mod evidence_demo;
pub mod figures;
pub mod meeting_docs;
pub mod meetings;
pub mod publicity;
pub mod self_checks;
pub mod survey_docs;
pub mod surveys;
pub mod table;
