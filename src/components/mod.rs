//! One component per file.

pub mod app;
pub mod draft_library;
pub mod export_actions;
pub mod field;
pub mod file_actions;
pub mod findings_counter;
pub mod form_section;
pub mod import_markdown;
pub mod key_times;
pub mod list;
pub mod preview;
pub mod preview_pane;
pub mod print_header;
pub mod report_form;
pub mod review_panel;
pub mod save_status;
pub mod section_nav;
pub mod share;
pub mod sheet;
pub mod summary_fields;
pub mod timeline_chart;
pub mod timeline_form;
pub mod toast;
