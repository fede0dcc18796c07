//! The pledges' paper, laid out: the 门前三包责任书 form and the 限期整改通知书. The data is
//! gathered by the use-cases (`jobs`, `rectify_pdf`); these modules only draw it.

pub mod pledge_form;
pub mod rectify_notice;
