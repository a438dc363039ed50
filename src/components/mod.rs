//! One component per file.

pub mod app;
pub mod draft_library;
pub mod export_actions;
pub mod field;
pub mod file_actions;
pub mod findings_counter;
pub mod form_section;
pub mod import_markdown;
pub mod list;
pub mod measures_form;
pub mod optional_sections;
pub mod preview;
pub mod preview_pane;
pub mod root_cause_form;
pub mod save_status;
pub mod section_nav;
pub mod summary_form;
pub mod timeline_form;
pub mod toast;
