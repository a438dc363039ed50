//! One component per file.

pub mod app;
pub mod export_actions;
pub mod field;
pub mod findings_counter;
pub mod form_section;
pub mod list;
pub mod measures_form;
pub mod optional_sections;
pub mod preview;
pub mod preview_pane;
pub mod root_cause_form;
pub mod section_nav;
pub mod summary_form;
pub mod timeline_form;
